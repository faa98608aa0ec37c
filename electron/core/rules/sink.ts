// Where the problem checks put what they find, and how a rule's sources are written for people.
import type { Problem } from '../../../shared/evaluation';
import { formatSource, formatSources, type RuleSource, type SeedTitles } from '../../../shared/rules';

/** Source text in both languages plus the sources as data, for a requirement or problem. */
export function sourceFields(sources: readonly RuleSource[], titles: SeedTitles) {
  const list = uniqueSources(sources);
  return {
    source: formatSources(list, titles),
    sourceEn: formatSources(list, titles, 'en'),
    sources: list.map((s) => ({
      seed: s.seed,
      ...(titles[s.seed] ? { title: titles[s.seed]!.zh } : {}),
      phrase: s.phrase,
    })),
  };
}

function uniqueSources(sources: readonly RuleSource[]): RuleSource[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const k = formatSource(s);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** What the problem checks share: the pack's seed titles (for sources) and where problems go. */
export interface ProblemSink {
  out: Problem[];
  titles: SeedTitles;
}

export function push(
  sink: ProblemSink,
  p: Omit<Problem, 'source' | 'sourceEn'> & { messageEn: string },
  sources?: readonly RuleSource[],
  extra?: { zh: string; en: string },
): void {
  const src = sources?.length ? sourceFields(sources, sink.titles) : null;
  sink.out.push({
    ...p,
    ...(src
      ? {
          source: extra ? `${src.source}；${extra.zh}` : src.source,
          sourceEn: extra ? `${src.sourceEn}; ${extra.en}` : src.sourceEn,
        }
      : {}),
  });
}
