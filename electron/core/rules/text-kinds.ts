// Kinds whose printed words some bundled rule asks for (the 急诊 mark on a certificate), whatever the claim:
// their text is read when the page comes in and kept in its facts, so evaluation never reads a file.
import { kindsWithWordChecks } from './engine';
import { listRulePacks, loadRulePack } from './pack';

let textKinds: ReadonlySet<string> | null = null;

export function ruleTextKinds(): ReadonlySet<string> {
  if (textKinds) return textKinds;
  const kinds = new Set<string>();
  for (const info of listRulePacks()) {
    try {
      for (const k of kindsWithWordChecks(loadRulePack(info.id))) kinds.add(k);
    } catch {
      // A pack that does not load is reported where it is used; it asks for no words here.
    }
  }
  textKinds = kinds;
  return kinds;
}
