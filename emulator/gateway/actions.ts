/**
 * The TCB gateway as a table of actions: `action` name -> handler. Built-in actions are the ones wx-server-sdk
 * uses for ocr.idcard and storage; other modules add theirs (for example `database.*`) with `registerAction`
 * or through `startEmulator({ actions })`, without touching this folder.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { CallLog } from '../calls';
import type { Fault, FaultScope } from '../faults';
import type { FormFile } from '../multipart';
import type { CloudStorage } from '../storage';

/** One call of the gateway, whatever its encoding (JSON body, or multipart for `wx.openApi`). */
export interface GatewayRequest {
  action: string;
  /** The env the caller named (`envName`); the gateway already checked it is the emulator's own. */
  envName: string;
  /** The JSON body, or the text fields of a multipart body. */
  params: Record<string, unknown>;
  /** Binary parts of a multipart body (`requestData` of `wx.openApi`). */
  files: Map<string, FormFile>;
  headers: IncomingHttpHeaders;
}

export interface GatewayContext {
  envId: string;
  storage: CloudStorage;
  /** Where the action records the call; marks it as slowed when a slow fault delayed it. */
  calls: Pick<CallLog, 'add'>;
  /** An injected `errcode` fault this call must answer with, taken from the action's fault scope. */
  fault?: Extract<Fault, { kind: 'errcode' }>;
}

export type GatewayReply =
  /** 200 with a JSON body; TCB wraps data as `{ data, requestId }`, the handler returns it whole. */
  | { kind: 'json'; body: unknown }
  /** 200 with a binary body (the protobuf answer of `wx.openApi`). */
  | { kind: 'bytes'; body: Buffer; contentType: string }
  /** A TCB error: `{ code, message, requestId }`, which the SDK throws (`code` is a TCB error name). */
  | { kind: 'error'; code: string; message: string };

export interface ActionDefinition {
  handle(request: GatewayRequest, context: GatewayContext): Promise<GatewayReply>;
  /** Which injected faults hit this action; none when omitted. */
  faultScope?: FaultScope;
}

export type ActionTable = Map<string, ActionDefinition>;

const registered: ActionTable = new Map();

/**
 * Adds an action to every emulator, also ones already running (the table is read on each request). Returns a
 * function that removes it again.
 * An emulator's own `actions` option wins over this table, and this table over the built-in actions.
 * @example registerAction('database.queryDocument', { handle: async (req) => ({ kind: 'json', body: { data: {} } }) })
 */
export function registerAction(name: string, definition: ActionDefinition): () => void {
  if (!/^[a-zA-Z]+\.[a-zA-Z]+$/.test(name)) {
    throw new TypeError(`Expected an action name like 'database.queryDocument' but received ${JSON.stringify(name)}`);
  }
  registered.set(name, definition);
  return () => {
    if (registered.get(name) === definition) registered.delete(name);
  };
}

/** The action registered with `registerAction`, if any. */
export function registeredAction(name: string): ActionDefinition | undefined {
  return registered.get(name);
}
