// The CLI arguments of the sample household, person and 异地转诊 claim that several tests set up the same way.

export const SAMPLE_HOUSEHOLD_ARGS = ['household', 'add', '--name', '张家'];

export const SAMPLE_PERSON_ARGS = [
  ...['person', 'add', '--household', '1', '--name', '张三', '--id-number', '11010519491231002X'],
  ...['--relation', 'self', '--insurance', 'employee', '--region', '江苏省南京市', '--phone', '13800138000'],
  ...['--bank', '中国银行', '--bank-number', '6217000000000000000'],
];

export const SAMPLE_CLAIM_ARGS = [
  ...[
    'claim',
    'create',
    '--claimant',
    '1',
    '--care',
    'inpatient',
    '--hospital',
    '上海市第一人民医院',
    '--region',
    '上海市',
  ],
  ...[
    '--admission',
    '2026-09-01',
    '--discharge',
    '2026-09-10',
    '--filing-type',
    'referral',
    '--filing-date',
    '2026-08-30',
  ],
  ...['--amount', '12345.67'],
];

/** Household #1, person #1 and claim #1, in the order a user creates them. */
export const SAMPLE_SESSION_STEPS = [SAMPLE_HOUSEHOLD_ARGS, SAMPLE_PERSON_ARGS, SAMPLE_CLAIM_ARGS];
