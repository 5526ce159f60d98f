/** The emulator's record of calls it served, for tests and the CLI: codes and sizes only, never image bytes or fields. */

export interface CallRecord {
  /** `wx.openApi:ocr.idcard`, `storage.batchDeleteFile`, `https:/cv/ocr/idcard`, `https:/cgi-bin/token`, `download`... */
  api: string;
  /** WeChat's errcode, or the TCB error code (`STORAGE_FILE_NONEXIST`), or the HTTP status of a download; 0 on success. */
  result: number | string;
  /** The injected fault this call suffered. */
  fault?: 'errcode' | 'slow' | 'http500' | 'drop';
  /** Size of the image the call carried or fetched. */
  imageBytes?: number;
  /** The recognition mode asked for. */
  type?: string;
  /** File IDs a storage action named. */
  fileIDs?: string[];
}

export class CallLog {
  private readonly records: CallRecord[] = [];

  add(record: CallRecord): void {
    this.records.push(record);
  }

  /** Calls served so far, optionally only those of one api. */
  list(api?: string): CallRecord[] {
    return this.records.filter((r) => api === undefined || r.api === api);
  }

  clear(): void {
    this.records.length = 0;
  }
}
