// Ground 4 (条例 art. 26): a letter that is not a petition but abuse — insulting or threatening
// language. The machine only suggests it to staff, from two signals: the content check's label
// (msgSecCheck v2 label 20003 "abuse") and this word list, which catches what a general-purpose
// filter lets through in a petition's context (threats against staff, curses at the organ).
// Staff decide; a word alone never refuses anything.

export type AbuseCategory = 'insult' | 'threat';

/** msgSecCheck v2's label for abusive content (CLOUDBASE.md: label enum). */
export const CONTENT_CHECK_ABUSE_LABEL = 20003;

/**
 * Words and phrases, each with its category. Kept short and specific: common words that also
 * describe a complaint ("打人", "威胁", "报复" as what someone else did) are not listed, because
 * people report threats and assaults in petitions all the time.
 */
export const ABUSE_WORDS: readonly (readonly [string, AbuseCategory])[] = [
  ['王八蛋', 'insult'],
  ['混蛋', 'insult'],
  ['畜生', 'insult'],
  ['畜牲', 'insult'],
  ['狗官', 'insult'],
  ['狗东西', 'insult'],
  ['狗日的', 'insult'],
  ['贱人', 'insult'],
  ['人渣', 'insult'],
  ['废物', 'insult'],
  ['傻逼', 'insult'],
  ['傻x', 'insult'],
  ['sb检察', 'insult'],
  ['他妈的', 'insult'],
  ['不得好死', 'insult'],
  ['全家死光', 'insult'],
  ['断子绝孙', 'insult'],
  ['去死吧', 'insult'],
  ['杀了你', 'threat'],
  ['弄死你', 'threat'],
  ['砍死你', 'threat'],
  ['捅死你', 'threat'],
  ['炸了你们', 'threat'],
  ['炸掉检察院', 'threat'],
  ['放火烧了', 'threat'],
  ['同归于尽', 'threat'],
  ['血债血偿', 'threat'],
  ['让你们好看', 'threat'],
  ['等着收尸', 'threat'],
  ['报复社会', 'threat'],
  ['找人做掉', 'threat'],
];

export const ABUSE_CATEGORY_NAMES: Record<AbuseCategory, string> = {
  insult: '侮辱谩骂',
  threat: '威胁恐吓',
};

/** Lowercase, full-width to half-width, whitespace and common separators dropped (骂 人 → 骂人). */
export function foldForWords(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*_\-.,，。、·•~～!！?？…]+/g, '');
}

export interface AbuseHit {
  word: string;
  category: AbuseCategory;
}

/** The listed words found in any of the texts, each once, in list order. */
export function abuseWords(texts: readonly string[]): AbuseHit[] {
  const folded = texts.map(foldForWords).join('\n');
  return ABUSE_WORDS.filter(([w]) => folded.includes(foldForWords(w))).map(([word, category]) => ({
    word,
    category,
  }));
}

export interface AbuseSuggestion {
  /** What flagged it: the content check's label, our word list, or both. */
  sources: ('content_check' | 'word_list')[];
  words: AbuseHit[];
  /** For staff: why ground 4 is suggested. */
  reason: string;
}

/** Ground 4 suggested, or null: from the content check's labels and the word list. */
export function suggestAbuse(
  texts: readonly string[],
  contentCheckLabels: readonly number[],
): AbuseSuggestion | null {
  const words = abuseWords(texts);
  const labelled = contentCheckLabels.includes(CONTENT_CHECK_ABUSE_LABEL);
  if (!labelled && words.length === 0) return null;
  const sources: AbuseSuggestion['sources'] = [];
  const parts: string[] = [];
  if (labelled) {
    sources.push('content_check');
    parts.push('内容安全检测提示含有辱骂内容');
  }
  if (words.length > 0) {
    sources.push('word_list');
    const by = (c: AbuseCategory) =>
      words.filter((w) => w.category === c).map((w) => `“${w.word}”`);
    for (const c of ['threat', 'insult'] as const) {
      if (by(c).length > 0) parts.push(`含有${ABUSE_CATEGORY_NAMES[c]}用语${by(c).join('、')}`);
    }
  }
  return { sources, words, reason: `${parts.join('；')}，请审查是否属于不予受理的第四项情形` };
}
