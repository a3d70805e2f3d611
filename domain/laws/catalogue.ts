// The laws library's catalogue (#7): every law of data/laws, its key (URL-safe, used in deep links
// and article ids), title, file(s) under data/laws in order, kind, and the names a query may call it
// by (the full title, the short title, common abbreviations).

export type LawKind = 'law' | 'regulation' | 'judicial_interpretation';

export interface CatalogueEntry {
  key: string;
  title: string;
  /** Paths under data/laws, in order (民法典: its 8 files). */
  files: string[];
  kind: LawKind;
  /** Names found in a query that mean this law, besides the title (longest match wins). */
  aliases: string[];
}

export const LAW_KINDS: Record<LawKind, string> = {
  law: '法律',
  regulation: '党内法规和行政法规',
  judicial_interpretation: '司法解释',
};

export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    key: 'constitution',
    title: '中华人民共和国宪法',
    files: ['宪法.md'],
    kind: 'law',
    aliases: ['宪法'],
  },
  {
    key: 'criminal-law',
    title: '中华人民共和国刑法',
    files: ['刑法.md'],
    kind: 'law',
    aliases: ['刑法'],
  },
  {
    key: 'criminal-procedure',
    title: '中华人民共和国刑事诉讼法',
    files: ['刑事诉讼法(2018-10-26).md'],
    kind: 'law',
    aliases: ['刑事诉讼法', '刑诉法'],
  },
  {
    key: 'civil-procedure',
    title: '中华人民共和国民事诉讼法',
    files: ['民事诉讼法(2023-09-01).md'],
    kind: 'law',
    aliases: ['民事诉讼法', '民诉法'],
  },
  {
    key: 'administrative-litigation',
    title: '中华人民共和国行政诉讼法',
    files: ['行政诉讼法(2017-06-27).md'],
    kind: 'law',
    aliases: ['行政诉讼法', '行诉法'],
  },
  {
    key: 'state-compensation',
    title: '中华人民共和国国家赔偿法',
    files: ['国家赔偿法(2012-10-26).md'],
    kind: 'law',
    aliases: ['国家赔偿法', '国赔法'],
  },
  {
    key: 'procuratorate-organisation',
    title: '中华人民共和国人民检察院组织法',
    files: ['人民检察院组织法(2018-10-26).md'],
    kind: 'law',
    aliases: ['人民检察院组织法', '检察院组织法'],
  },
  {
    key: 'procurators',
    title: '中华人民共和国检察官法',
    files: ['检察官法(2019-04-23).md'],
    kind: 'law',
    aliases: ['检察官法'],
  },
  {
    key: 'lawyers',
    title: '中华人民共和国律师法',
    files: ['律师法(2017-09-01).md'],
    kind: 'law',
    aliases: ['律师法'],
  },
  {
    key: 'legal-aid',
    title: '中华人民共和国法律援助法',
    files: ['法律援助法(2021-08-20).md'],
    kind: 'law',
    aliases: ['法律援助法'],
  },
  {
    key: 'people-assessors',
    title: '中华人民共和国人民陪审员法',
    files: ['人民陪审员法(2018-04-27).md'],
    kind: 'law',
    aliases: ['人民陪审员法', '陪审员法'],
  },
  {
    key: 'petition-regulation',
    title: '信访工作条例',
    files: ['信访工作条例(2022-02-25).md'],
    kind: 'regulation',
    aliases: ['信访工作条例', '信访条例'],
  },
  {
    key: 'minors-protection',
    title: '中华人民共和国未成年人保护法',
    files: ['未成年人保护法(2024-04-26).md'],
    kind: 'law',
    aliases: ['未成年人保护法', '未保法'],
  },
  {
    key: 'juvenile-delinquency-prevention',
    title: '中华人民共和国预防未成年人犯罪法',
    files: ['预防未成年人犯罪法(2020-12-26).md'],
    kind: 'law',
    aliases: ['预防未成年人犯罪法', '预防未成年人犯罪'],
  },
  {
    key: 'personal-information',
    title: '中华人民共和国个人信息保护法',
    files: ['个人信息保护法(2021-08-20).md'],
    kind: 'law',
    aliases: ['个人信息保护法', '个保法'],
  },
  {
    key: 'supervision',
    title: '中华人民共和国监察法',
    files: ['监察法(2024-12-25).md'],
    kind: 'law',
    aliases: ['监察法'],
  },
  {
    key: 'administrative-reconsideration',
    title: '中华人民共和国行政复议法',
    files: ['行政复议法(2023-09-01).md'],
    kind: 'law',
    aliases: ['行政复议法'],
  },
  {
    key: 'public-security-penalties',
    title: '中华人民共和国治安管理处罚法',
    files: ['治安管理处罚法(2012-10-26).md'],
    kind: 'law',
    aliases: ['治安管理处罚法', '治安处罚法'],
  },
  {
    key: 'civil-code',
    title: '中华人民共和国民法典',
    files: [
      '民法典/01_总则.md',
      '民法典/02_物权编.md',
      '民法典/03_合同编.md',
      '民法典/04_人格权编.md',
      '民法典/05_婚姻家庭编.md',
      '民法典/06_继承编.md',
      '民法典/07_侵权责任编.md',
      '民法典/08_附则.md',
    ],
    kind: 'law',
    aliases: ['民法典'],
  },
  {
    key: 'spp-criminal-procedure-rules',
    title: '人民检察院刑事诉讼规则',
    files: ['司法解释/人民检察院刑事诉讼规则(2019-12-02).md'],
    kind: 'judicial_interpretation',
    aliases: ['人民检察院刑事诉讼规则', '刑事诉讼规则', '检察院刑诉规则', '刑诉规则'],
  },
  {
    key: 'criminal-compensation-interpretation',
    title: '最高人民法院、最高人民检察院关于办理刑事赔偿案件适用法律若干问题的解释',
    files: [
      '司法解释/最高人民法院、最高人民检察院关于办理刑事赔偿案件适用法律若干问题的解释(2015-12-28).md',
    ],
    kind: 'judicial_interpretation',
    aliases: [
      '关于办理刑事赔偿案件适用法律若干问题的解释',
      '刑事赔偿案件适用法律若干问题的解释',
      '刑事赔偿司法解释',
      '刑事赔偿解释',
    ],
  },
];

export function catalogueEntry(key: string): CatalogueEntry | undefined {
  return CATALOGUE.find((e) => e.key === key);
}
