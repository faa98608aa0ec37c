// Value parsers of the reader and the install setting that lets `npm ci` work offline from NuGet.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseAmount,
  parseDate,
  parseWords,
  validIdNumber,
  wordsToAmount,
} from '../../electron/core/ocr/fields';
import { amountInWords, idNumber } from '../../scripts/ocr-corpus/papers';
import { rng } from '../../scripts/quality-corpus/documents';
import { REPO_ROOT } from '../helpers/tmp';

describe('field values', () => {
  it.each([
    ['开票日期：2026-09-01', '2026-09-01'],
    ['2026年9月1日', '2026-09-01'],
    ['2026 年 09 月 01 日', '2026-09-01'],
    ['20260901', '2026-09-01'],
    ['2026/9/1 16:32', '2026-09-01'],
  ])('reads the date in %s', (text, iso) => {
    expect(parseDate(text)?.value).toBe(iso);
  });

  it('refuses impossible dates and long digit runs', () => {
    expect(parseDate('2026-02-30')).toBeNull();
    expect(parseDate('票据号码 0020260901')).toBeNull();
  });

  it('reads amounts in yuan and 大写 back to yuan', () => {
    expect(parseAmount('（小写）¥11,845.67')?.value).toBe(11845.67);
    expect(parseAmount('共 42 项')).toBeNull();
    expect(parseWords('合计(大写):壹万壹仟捌佰肆拾伍元陆角柒分')?.value).toBe('壹万壹仟捌佰肆拾伍元陆角柒分');
    for (const v of [0.5, 3, 10, 105.07, 1000, 11845.67, 20003.1, 100000, 3246.23]) {
      expect(wordsToAmount(amountInWords(v))).toBe(v);
    }
  });

  it('checks the 公民身份号码 check character', () => {
    const rand = rng(5);
    for (let i = 0; i < 20; i++)
      expect(validIdNumber(idNumber(rand, new Date(Date.UTC(1960, 0, 1 + i * 300))))).toBe(true);
    expect(validIdNumber('11010519491231002X')).toBe(true);
    expect(validIdNumber('110105194912310021')).toBe(false);
  });
});

describe('install', () => {
  it('skips onnxruntime-node’s CUDA download through the project .npmrc, which its install script reads', () => {
    const npmrc = readFileSync(join(REPO_ROOT, '.npmrc'), 'utf8');
    expect(npmrc).toMatch(/^onnxruntime-node-install=skip$/m);
    // npm hands .npmrc settings to install scripts as npm_config_* variables; the package's own parser
    // must read that one as "skip" (false), or `npm ci` would try to reach NuGet.
    const require = createRequire(join(REPO_ROOT, 'package.json'));
    const utils = require(join(REPO_ROOT, 'node_modules/onnxruntime-node/script/install-utils.js')) as {
      parseInstallFlag: () => unknown;
    };
    const before = process.env.npm_config_onnxruntime_node_install;
    process.env.npm_config_onnxruntime_node_install = 'skip';
    try {
      expect(utils.parseInstallFlag()).toBe(false);
    } finally {
      if (before === undefined) delete process.env.npm_config_onnxruntime_node_install;
      else process.env.npm_config_onnxruntime_node_install = before;
    }
  });
});
