/**
 * Gateway actions of cloud storage that `cloud.downloadFile` and `cloud.deleteFile` use. Per-file problems are
 * reported per file with a TCB code, as TCB does; only a malformed request is an error of the whole call.
 */
import type { ActionDefinition, GatewayContext, GatewayReply, GatewayRequest } from './actions';

/** The longest a temporary URL lives; TCB caps `max_age` at one day. */
const MAX_AGE_LIMIT = 86400;

interface DownloadEntry {
  fileid?: unknown;
  max_age?: unknown;
}

/** `storage.batchGetDownloadUrl`: `{ file_list: [{ fileid, max_age }] }` -> `{ data: { download_list } }`. */
export const batchGetDownloadUrl: ActionDefinition = {
  faultScope: 'storage',
  async handle(request: GatewayRequest, context: GatewayContext): Promise<GatewayReply> {
    const list = request.params.file_list;
    if (!Array.isArray(list) || list.length === 0) {
      return { kind: 'error', code: 'INVALID_PARAM', message: 'file_list must be a non-empty array' };
    }
    const entries = list as DownloadEntry[];
    const fileIDs = entries.map((e) => String(e?.fileid ?? ''));
    if (context.fault) return faultReply(context, 'storage.batchGetDownloadUrl', fileIDs);

    const downloadList = entries.map((entry, i) => {
      const fileID = fileIDs[i];
      const file = context.storage.get(fileID);
      if (!file) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exists' };
      const maxAge = Math.min(Math.max(Number(entry.max_age) || 0, 1), MAX_AGE_LIMIT);
      return { fileID, tempFileURL: context.storage.temporaryUrl(file, maxAge), code: 'SUCCESS' };
    });
    const missing = downloadList.find((d) => d.code !== 'SUCCESS');
    context.calls.add({ api: 'storage.batchGetDownloadUrl', result: missing ? missing.code : 0, fileIDs });
    return { kind: 'json', body: { data: { download_list: downloadList }, requestId: '' } };
  },
};

/** `storage.batchDeleteFile`: `{ fileid_list }` -> `{ data: { delete_list: [{ fileID, code }] } }`. */
export const batchDeleteFile: ActionDefinition = {
  faultScope: 'storage',
  async handle(request: GatewayRequest, context: GatewayContext): Promise<GatewayReply> {
    const list = request.params.fileid_list;
    if (!Array.isArray(list) || list.length === 0) {
      return { kind: 'error', code: 'INVALID_PARAM', message: 'fileid_list must be a non-empty array' };
    }
    const fileIDs = list.map((id) => String(id));
    if (context.fault) return faultReply(context, 'storage.batchDeleteFile', fileIDs);

    const deleteList = fileIDs.map((fileID) =>
      context.storage.delete(fileID) ? { fileID, code: 'SUCCESS' } : { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exists' },
    );
    const missing = deleteList.find((d) => d.code !== 'SUCCESS');
    context.calls.add({ api: 'storage.batchDeleteFile', result: missing ? missing.code : 0, fileIDs });
    return { kind: 'json', body: { data: { delete_list: deleteList }, requestId: '' } };
  },
};

/** Storage has no WeChat errcodes: an injected errcode becomes TCB's generic system error for the whole call. */
function faultReply(context: GatewayContext, api: string, fileIDs: string[]): GatewayReply {
  context.calls.add({ api, result: 'SYS_ERR', fault: 'errcode', fileIDs });
  return { kind: 'error', code: 'SYS_ERR', message: `injected fault errcode ${context.fault?.errcode}` };
}
