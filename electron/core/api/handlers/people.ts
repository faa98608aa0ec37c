// Households and the people in them.
import {
  createHousehold,
  createPerson,
  deletePerson,
  listHouseholds,
  listPeople,
  renameHousehold,
  updatePerson,
} from '../../repo';
import type { ApiHandlers } from '../dispatch';
import type { HandlerContext } from './context';

export function peopleHandlers({ db }: HandlerContext) {
  return {
    async listHouseholds() {
      return listHouseholds(db());
    },
    async createHousehold(req) {
      return createHousehold(db(), req);
    },
    async renameHousehold(req) {
      return renameHousehold(db(), req.id, req.name);
    },
    async listPeople(req) {
      return listPeople(db(), req.householdId);
    },
    async createPerson(req) {
      return createPerson(db(), req);
    },
    async updatePerson(req) {
      return updatePerson(db(), req.id, req.person);
    },
    async deletePerson(req) {
      deletePerson(db(), req.id);
      return { deleted: true as const };
    },
  } satisfies Partial<ApiHandlers>;
}
