// Households and the people in them (either engine: the data folder or the office's shared database).
import { createHousehold, createPerson, listHouseholds, listPeople } from '../../repo-async';
import type { ApiHandlers } from '../dispatch';
import { deletePerson, renameHousehold, updatePerson } from '../people-record';
import type { HandlerContext } from './context';

/** Rows as the catalogue carries them: their version stays in the store until the forms send it. */
function plain<T extends object>(row: T): Omit<T, 'stamp'> {
  const { stamp: _stamp, ...rest } = row as T & { stamp?: unknown };
  return rest;
}

export function peopleHandlers({ state }: HandlerContext) {
  const s = () => state.ws.engine;
  return {
    async listHouseholds() {
      return listHouseholds(s());
    },
    async createHousehold(req) {
      return plain(await createHousehold(s(), req));
    },
    async renameHousehold(req) {
      return plain(await renameHousehold(s(), req.id, req.name));
    },
    async listPeople(req) {
      return listPeople(s(), req.householdId);
    },
    async createPerson(req) {
      return plain(await createPerson(s(), req));
    },
    async updatePerson(req) {
      return plain(await updatePerson(s(), req.id, req.person));
    },
    async deletePerson(req) {
      await deletePerson(s(), req.id);
      return { deleted: true as const };
    },
  } satisfies Partial<ApiHandlers>;
}
