/**
 * Demo page hosting <idcard-capture>. It shows how a host receives the confirmed fields: the `confirm` event
 * (kept here in `data.confirmed`), and, when another page opened this one with
 * `wx.navigateTo({ url, events: { confirm(detail) {…} } })`, the same detail through the event channel.
 * Query: `type=scan` for scans without background, `sides=Front` or `sides=Back` for one side only.
 */
import type { CardSide, OcrType } from '../../shared/idcard';
import type { ConfirmedIdcard } from '../../utils/confirm';
import { confirmedSummary, type SummaryRow } from '../../utils/summary';
import { requestedSides } from '../../utils/tile';

type ConfirmEvent = { detail: ConfirmedIdcard };
type PageQuery = { type?: string; sides?: string };
type OpenerAware = { getOpenerEventChannel?: () => WechatMiniprogram.EventChannel | undefined };

Component({
  data: {
    ocrType: 'photo' as OcrType,
    sides: ['Front', 'Back'] as CardSide[],
    confirmed: null as ConfirmedIdcard | null,
    summary: null as SummaryRow[] | null,
  },
  methods: {
    onLoad(query: PageQuery = {}) {
      this.setData({
        ocrType: query.type === 'scan' ? 'scan' : 'photo',
        sides: requestedSides((query.sides ?? '').split(',')),
      });
    },

    onConfirm(e: ConfirmEvent) {
      this.setData({ confirmed: e.detail, summary: confirmedSummary(e.detail) });
      // Opened by another page with an `events` map: hand the fields back to it as well.
      const channel = (this as unknown as OpenerAware).getOpenerEventChannel?.();
      channel?.emit('confirm', e.detail);
    },
  },
});
