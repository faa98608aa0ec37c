// Region names are free text ("北京市朝阳区", "江苏省南京市", "南京市"). Cross-region care (异地就医) is judged at
// city level — districts of one city are one 统筹区 in practice — and 004's validity figures at province level
// (跨省). A name that gives no province leaves the question open rather than guessing.

/** The four 直辖市 are province-level cities: their districts share both the province and the city. */
const MUNICIPALITIES = ['北京', '上海', '天津', '重庆'] as const;

export interface RegionParts {
  province: string | null;
  city: string | null;
  text: string;
}

export function parseRegion(raw: string): RegionParts {
  const text = raw.replace(/\s/g, '');
  const muni = MUNICIPALITIES.find((m) => text.startsWith(m));
  if (muni) return { province: `${muni}市`, city: `${muni}市`, text };
  let rest = text;
  let province: string | null = null;
  const p = /^(.+?(?:省|自治区|特别行政区))/.exec(text);
  if (p) {
    province = p[1]!;
    rest = text.slice(province.length);
  }
  const c = /^(.+?(?:市|自治州|地区|盟))/.exec(rest);
  return { province, city: c ? c[1]! : null, text };
}

/** Whether two places are the same city (or one names a part of the other). Empty = unknown = same. */
export function sameRegion(a: string, b: string): boolean {
  const x = parseRegion(a);
  const y = parseRegion(b);
  if (x.text === '' || y.text === '') return true;
  if (x.city && y.city) return x.city === y.city && (!x.province || !y.province || x.province === y.province);
  return x.text.includes(y.text) || y.text.includes(x.text);
}

/** true = different provinces (跨省); false = same province; null = a name gives no province to compare. */
export function crossesProvince(a: string, b: string): boolean | null {
  const x = parseRegion(a);
  const y = parseRegion(b);
  if (!x.province || !y.province) return null;
  return x.province !== y.province;
}

/**
 * The place a hospital's name starts with, as a 就医地 to suggest: 上海市第一人民医院 → 上海市, 江苏省人民医院 →
 * 江苏省, 南京市鼓楼医院 → 南京市, 广西壮族自治区人民医院 → 广西壮族自治区. A name that starts with no place
 * (复旦大学附属中山医院, 南京鼓楼医院) gives null: never a guess.
 */
export function regionOfPlaceName(raw: string): string | null {
  const text = raw.replace(/\s/g, '').normalize('NFKC');
  const muni = MUNICIPALITIES.find((m) => text.startsWith(m));
  if (muni) return `${muni}市`;
  const province = /^(.{2,3}省|.{2,6}?自治区)/.exec(text)?.[1] ?? '';
  const city = /^(.{2,4}?(?:市|自治州))/.exec(text.slice(province.length))?.[1] ?? '';
  return province + city || null;
}
