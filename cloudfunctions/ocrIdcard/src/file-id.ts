/**
 * Cloud storage file IDs, `cloud://<envId>.<bucket>/<path>`, and the function's own environment, so a file of
 * another environment is refused before anything downloads it.
 */

export interface CloudFileId {
  envId: string;
  bucket: string;
  path: string;
}

// Environment IDs are lower-case letters, digits, `-` and `_` (at most 40); they never contain a dot.
const FILE_ID = /^cloud:\/\/([A-Za-z0-9_-]{1,40})\.([^/\s]+)\/(\S.*)$/;

/**
 * Splits a file ID into its parts, or undefined when it is not one.
 * @example
 * parseFileId('cloud://prod-1a2b.7072-prod-1a2b-1300000000/idcard/front.jpg')
 * // { envId: 'prod-1a2b', bucket: '7072-prod-1a2b-1300000000', path: 'idcard/front.jpg' }
 */
export function parseFileId(fileID: string): CloudFileId | undefined {
  const match = FILE_ID.exec(fileID);
  return match ? { envId: match[1], bucket: match[2], path: match[3] } : undefined;
}

/** What the environment tells about where the function runs; `getWXContext().ENV` where the SDK offers it. */
export interface EnvironmentClues {
  contextEnv?: string;
  variables: NodeJS.ProcessEnv;
}

/**
 * The function's own cloud environment ID, as wx-server-sdk finds it: `getWXContext().ENV`, else `TCB_ENV`,
 * else `SCF_NAMESPACE` (the cloud runtime sets both; a local emulator sets them too). Undefined when unknown,
 * including DevTools' local debugging, whose `local` names no environment.
 */
export function ownEnvId({ contextEnv, variables }: EnvironmentClues): string | undefined {
  const env = contextEnv || variables.TCB_ENV || variables.SCF_NAMESPACE;
  if (!env || (env === 'local' && variables.TENCENTCLOUD_RUNENV === 'WX_LOCAL_SCF')) return undefined;
  return env;
}
