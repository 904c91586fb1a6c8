import { stem } from './words'

/**
 * A small business thesaurus: how people ask versus how schemas name things. Only the question is
 * expanded (documents keep their own words), so a synonym can widen recall but never rename a table.
 * The user's glossary adds to this per connection.
 */
const GROUPS: string[][] = [
  ['customer', 'client', 'buyer', 'shopper', 'consumer', 'account holder'],
  ['employee', 'staff', 'worker', 'personnel', 'headcount', 'hire', 'colleague'],
  ['order', 'purchase', 'bought', 'buy', 'checkout'],
  ['product', 'item', 'sku', 'goods', 'article', 'merchandise'],
  ['revenue', 'sales', 'income', 'turnover', 'amount', 'earn'],
  ['price', 'cost', 'expensive', 'cheap', 'priced'],
  ['invoice', 'bill', 'billed', 'billing'],
  ['payment', 'pay', 'paid', 'unpaid', 'charge', 'settle'],
  ['shipment', 'ship', 'shipped', 'delivery', 'deliver', 'dispatch', 'parcel', 'package'],
  ['supplier', 'vendor', 'provider', 'manufacturer'],
  ['stock', 'inventory', 'warehouse', 'on hand'],
  ['manager', 'boss', 'report', 'supervisor'],
  ['department', 'team', 'division', 'unit'],
  ['salary', 'pay', 'wage', 'compensation', 'earn'],
  ['ticket', 'case', 'complaint', 'issue', 'incident'],
  ['agent', 'support', 'helpdesk', 'representative'],
  ['campaign', 'promotion', 'marketing'],
  ['lead', 'prospect'],
  ['subscription', 'subscriber', 'plan', 'recurring', 'churn', 'cancel'],
  ['user', 'login', 'sign', 'account'],
  ['refund', 'return', 'reimburse', 'money back'],
  ['discount', 'coupon', 'voucher', 'promo'],
  ['review', 'rating', 'star', 'feedback'],
  ['category', 'kind', 'type', 'group'],
  ['address', 'city', 'country', 'region', 'location', 'where'],
  ['leave', 'vacation', 'holiday', 'absence', 'sick'],
  ['country', 'nation'],
  ['continent', 'region', 'country', 'asia', 'europe', 'africa', 'america', 'oceania', 'apac', 'emea', 'latam'],
  ['vehicle', 'truck', 'van', 'fleet'],
  ['driver', 'courier'],
  ['machine', 'equipment'],
  ['downtime', 'outage', 'breakdown'],
  ['project', 'engagement'],
  ['task', 'todo', 'assignment'],
  ['time', 'hours', 'worked', 'timesheet'],
  ['opportunity', 'deal', 'pipeline'],
  ['meeting', 'call', 'appointment', 'activity'],
  ['expense', 'spend', 'spent', 'reimbursement'],
  ['budget', 'forecast', 'plan'],
  ['currency', 'exchange', 'fx'],
  ['tax', 'vat'],
  ['room', 'booking', 'reserve', 'reservation'],
  ['training', 'course', 'learning'],
  ['candidate', 'applicant', 'application', 'recruit', 'hiring'],
  ['email', 'newsletter', 'mail'],
  ['open', 'click', 'engagement'],
  ['session', 'visit', 'visitor', 'traffic'],
  ['permission', 'access', 'role', 'privilege'],
  ['audit', 'change', 'history', 'changed'],
  ['quality', 'inspection', 'defect'],
  ['journal', 'ledger', 'posting', 'accounting'],
  ['contract', 'agreement'],
  ['patient', 'visit'],
  ['hospital', 'clinic', 'patient', 'ward', 'admission', 'medical'],
  ['bank', 'banking', 'account', 'loan'],
  ['aviation', 'airline', 'flight', 'airport'],
  ['student', 'pupil', 'learner', 'grader'],
  ['grade', 'mark', 'score'],
  ['song', 'track', 'tune', 'recording'],
  ['parent', 'guardian', 'mother', 'father'],
  ['pilot', 'crew', 'cabin'],
  ['doctor', 'physician', 'clinician'],
  ['sold', 'sell', 'sale', 'order', 'revenue'],
  ['job', 'position', 'title'],
  ['album', 'record'],
  ['artist', 'band', 'singer', 'musician']
]

const index = new Map<string, Set<string>>()
for (const group of GROUPS) {
  const stems = group.flatMap((phrase) => phrase.split(' ')).map(stem)
  for (const s of stems) {
    const set = index.get(s) ?? new Set<string>()
    for (const other of stems) if (other !== s) set.add(other)
    index.set(s, set)
  }
}

/** Stemmed synonyms of a stemmed word (not including the word itself). */
export function synonymsOf(stemmedWord: string): string[] {
  return [...(index.get(stemmedWord) ?? [])]
}
