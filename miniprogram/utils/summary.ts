/**
 * The demo page's summary of what was confirmed. It masks the personal fields: a summary is what people
 * screenshot and share.
 */
import { maskIdNumber, maskName } from '../shared/mask';
import type { ConfirmedIdcard } from './confirm';

export interface SummaryRow {
  label: string;
  value: string;
}

/** Rows to show after confirm: name and ID number masked, validity in full. */
export function confirmedSummary(confirmed: ConfirmedIdcard): SummaryRow[] {
  const rows: SummaryRow[] = [];
  if (confirmed.front) {
    rows.push({ label: '姓名', value: maskName(confirmed.front.name) });
    rows.push({ label: '身份证号', value: maskIdNumber(confirmed.front.id) });
  }
  if (confirmed.back) {
    const until = confirmed.back.validTo ?? '长期';
    rows.push({ label: '有效期至', value: confirmed.back.expired ? `${until}（已过期）` : until });
  }
  return rows;
}
