// 中文大写金额 as printed on invoices, read into fen: well-formed amounts of every shape, and the malformed
// or misread ones that must come back null rather than as a number that happens to match.
import { describe, expect, it } from 'vitest';
import { parseAmountInWords } from '../../shared/amount-words';

describe('parseAmountInWords', () => {
  it.each([
    ['壹佰元整', 10000],
    ['壹佰圆正', 10000],
    ['壹万贰仟叁佰肆拾伍元陆角柒分', 1234567],
    ['壹万壹仟捌佰肆拾伍元陆角柒分', 1184567],
    ['人民币（大写）：壹仟元整', 100000],
    ['合计（大写） 叁 佰 元 整', 30000],
    ['¥ 伍拾元', 5000],
    ['拾元整', 1000],
    ['拾伍元', 1500],
    ['壹拾伍元', 1500],
    ['贰佰零伍元', 20500],
    ['贰仟零伍拾元', 205000],
    ['壹万零伍佰元整', 1050000],
    ['壹万元整', 1000000],
    ['壹拾万元整', 10000000],
    ['壹佰万零叁元', 100000300],
    ['壹亿元整', 10000000000],
    ['壹亿零贰佰万零叁拾元', 10200003000],
    ['壹亿零伍元', 10000000500],
    ['零元伍角', 50],
    ['伍角', 50],
    ['叁分', 3],
    ['壹元零伍分', 105],
    ['壹元伍角', 150],
    ['壹元伍角整', 150],
    ['壹元零角伍分', 105],
    ['壹元伍角零分', 150],
    ['贰拾元零伍分', 2005],
    ['肆佰叁拾贰元壹角', 43210],
    ['两佰元整', 20000],
    ['一百二十三元四角五分', 12345],
    ['壹萬元整', 1000000],
  ])('%s → %i fen', (words, fen) => {
    expect(parseAmountInWords(words)).toBe(fen);
  });

  it.each([
    [''],
    ['整'],
    ['壹佰'], // no 元: not an amount on an invoice
    ['佰元'], // a unit with no digit
    ['壹壹元'], // two digits in a row
    ['贰佰伍元'], // spoken 250, ambiguous on paper
    ['壹拾佰元'], // units out of order
    ['壹佰拾元'], // 拾 after a unit needs its digit
    ['零伍元'], // leading 零 before a digit of a top section
    ['壹元伍角伍角'],
    ['壹元伍拾角'],
    ['壹元伍分叁角'],
    ['壹万万元'],
    ['零万元'],
    ['壹百贰十三元X'],
    ['12.50'],
    ['壹佰元整整'],
  ])('%s → null', (words) => {
    expect(parseAmountInWords(words)).toBeNull();
  });
});
