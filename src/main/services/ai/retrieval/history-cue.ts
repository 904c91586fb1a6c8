/**
 * "Who worked as an analyst before becoming a manager", "customers who ever changed plan": a question about what
 * was true earlier needs the history table beside the current one (`job_hist` beside `emp_mstr` and `jobs`), which
 * it never names. These are the name words of such tables, for the neighbours of the best matches.
 */
const CUE = /\b(before|previous(ly)?|former(ly)?|used to|bec[ao]m(e|es|ing)|ever|past|history|historical|over time|changed? from)\b/i

const HISTORY_NAME_WORDS = ['hist', 'history', 'historical']

export function historyNameWords(question: string): string[] {
  return CUE.test(question) ? HISTORY_NAME_WORDS : []
}
