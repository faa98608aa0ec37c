// Households and people edited from the window, through the asynchronous storage contract (either engine),
// with repo.ts's checks and words.
import type { Household, Person } from '../../../shared/schemas';
import type { Session } from '../db/contract';
import { InvalidInputError } from '../errors';
import { parseHousehold, parsePerson } from '../repo';
import { getHousehold, getPerson } from '../repo-async';

const now = (): string => new Date().toISOString();

/** A household's new name (the same rules as a new one: not empty, at most 100 characters). */
export async function renameHousehold(s: Session, id: number, name: string): Promise<Household> {
  const before = await getHousehold(s, id);
  await s.people.renameHousehold(id, parseHousehold({ name, notes: before.notes }).name, now());
  return getHousehold(s, id);
}

export async function updatePerson(s: Session, id: number, input: unknown): Promise<Person> {
  const p = parsePerson(input);
  await getPerson(s, id);
  await s.people.updatePerson(id, p, now());
  return getPerson(s, id);
}

/**
 * Removes a person entered by mistake. A person named on any claim stays (repo.ts deletePerson says why);
 * checked and removed in one immediate transaction, so a claim another desk adds meanwhile cannot lose them.
 */
export async function deletePerson(s: Session, id: number): Promise<void> {
  await s.transaction(
    async (tx) => {
      const p = await getPerson(tx, id);
      const n = await tx.people.claimCountOfPerson(id);
      if (n > 0)
        throw new InvalidInputError(
          `${p.name} 在 ${n} 份报销单上（患者或代办人），不能删除。人员信息可以修改；报销单删除后才能删除此人。`,
          `${p.name} is on ${n} claim(s) (as patient or applicant) and cannot be removed; edit the details instead.`,
          'personId',
        );
      await tx.people.deletePerson(id);
    },
    { immediate: true },
  );
}
