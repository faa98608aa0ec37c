// Field paths in the form people read in a JSON file: documents[2].files[0], time.submission.period.
import { z } from 'zod';

/** zod's own messages in Chinese for parses whose schemas carry no message of their own (user-facing files). */
export const ZH_ZOD_ERRORS = { error: z.locales.zhCN().localeError };
export function jsonPath(path: ReadonlyArray<PropertyKey>, prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

type ZodLikeIssue = {
  path: ReadonlyArray<PropertyKey>;
  message: string;
  code?: string;
  keys?: readonly string[];
};

/** The first issue of a zod error as { field, message }; unknown keys name the key itself. */
export function firstIssue(
  error: { issues: ReadonlyArray<ZodLikeIssue> },
  prefix = '',
): { field: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { field: prefix, message: '无效' };
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    return {
      field: jsonPath([...issue.path, issue.keys[0]!], prefix),
      message: `不认识的字段“${issue.keys[0]}”（拼写错了吗？）`,
    };
  }
  return { field: jsonPath(issue.path, prefix), message: issue.message };
}
