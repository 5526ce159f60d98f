/**
 * Gateway action `wx.openApi`: what `cloud.openapi.ocr.idcard(...)` sends. A multipart form whose `requestData`
 * is a protobuf `CommApiData`; the answer is a protobuf `CommOpenApiResp` around WeChat's JSON.
 */
import { CLOUD_CALL_ERROR_CEILING } from '../faults';
import { answerIdcard, wechatError, type IdcardServiceOptions } from '../idcard-api';
import type { IdcardAnswer } from '../recognizer';
import type { ActionDefinition, GatewayContext, GatewayReply, GatewayRequest } from './actions';
import { decodeCommApiData, encodeCommOpenApiResp, type KeyValuePair } from './protobuf';

export interface OpenApiOptions extends IdcardServiceOptions {
  /** Open APIs the function may call, as `config.json` `permissions.openapi` grants them. */
  permissions: readonly string[];
}

/** The only open API the emulator serves. */
const IDCARD_API = 'ocr.idcard';

/** Builds the `wx.openApi` action. */
export function openApiAction(options: OpenApiOptions): ActionDefinition {
  return {
    faultScope: 'ocr',
    async handle(request: GatewayRequest, context: GatewayContext): Promise<GatewayReply> {
      const apiName = String(request.params.apiName ?? '');
      // The SDK sends the protobuf as a binary part (application/octet-stream), never as a text field.
      const requestData = request.files.get('requestData')?.data;
      if (!requestData) return { kind: 'error', code: 'INVALID_PARAM', message: 'requestData missing' };
      let pairs: KeyValuePair[];
      try {
        pairs = decodeCommApiData(requestData).pairs;
      } catch {
        return { kind: 'error', code: 'INVALID_PARAM', message: 'requestData is not a CommApiData message' };
      }
      const record = { api: `wx.openApi:${apiName}` };

      if (apiName !== IDCARD_API || !options.permissions.includes(apiName)) {
        // The cloud-call layer refuses before the API runs, as for a function whose config.json lacks the API.
        context.calls.add({ ...record, result: -604101 });
        return openApiReply({ errorCode: -604101 });
      }
      const params = readPairs(pairs);
      const imageBytes = params.img?.length;
      if (context.fault) {
        const { errcode, errmsg } = context.fault;
        context.calls.add({ ...record, result: errcode, fault: 'errcode', imageBytes, type: params.type });
        if (errcode <= CLOUD_CALL_ERROR_CEILING) return openApiReply({ errorCode: errcode });
        return openApiReply({ answer: errmsg ? { errcode, errmsg } : wechatError(errcode) });
      }
      const answer = await answerIdcard({ type: params.type, image: params.img, imgUrl: params.img_url }, options);
      context.calls.add({ ...record, result: Number(answer.errcode), imageBytes, type: params.type });
      return openApiReply({ answer });
    },
  };
}

interface IdcardParams {
  type?: string;
  img_url?: string;
  img?: Buffer;
}

/** Media travel as raw bytes with a filename; everything else JSON-encoded, as the SDK's param converter sends them. */
function readPairs(pairs: KeyValuePair[]): IdcardParams {
  const params: IdcardParams = {};
  for (const pair of pairs) {
    if (pair.key === 'img') {
      params.img = pair.value;
    } else if (pair.key === 'type' || pair.key === 'img_url') {
      params[pair.key] = decodePlainValue(pair.value);
    }
  }
  return params;
}

function decodePlainValue(value: Buffer): string {
  const text = value.toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'string' ? parsed : text;
  } catch {
    return text;
  }
}

function openApiReply(input: { answer?: IdcardAnswer; errorCode?: number }): GatewayReply {
  const body = encodeCommOpenApiResp({
    respData: input.answer ? Buffer.from(JSON.stringify(input.answer)) : Buffer.alloc(0),
    contentType: input.answer ? 'application/json; charset=utf-8' : '',
    errorCode: input.errorCode ?? 0,
    httpCode: 200,
  });
  // Not the exact JSON content type: the SDK would parse the protobuf bytes as JSON.
  return { kind: 'bytes', body, contentType: 'application/octet-stream' };
}
