// Placeholder entry: replaced by the wiring of wx-server-sdk into the handler.
export async function main(): Promise<{ errCode: number; errMsg: string; message: string }> {
  return { errCode: -1, errMsg: 'not built yet', message: '尚未构建' };
}
