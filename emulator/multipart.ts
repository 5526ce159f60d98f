/** multipart/form-data parsing for both the TCB gateway (`wx.openApi`) and WeChat's HTTPS upload (`img`). */
import busboy from 'busboy';
import { Readable } from 'node:stream';

export interface FormFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface FormData {
  fields: Map<string, string>;
  /** Fields sent as files (with a filename or a non-text content type); the gateway sends `requestData` this way. */
  files: Map<string, FormFile>;
}

/** Parses a complete multipart body; rejects on a malformed body or a missing boundary. */
export function parseMultipart(contentType: string, body: Buffer): Promise<FormData> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { fieldSize: body.length } });
    } catch (err) {
      reject(err);
      return;
    }
    const form: FormData = { fields: new Map(), files: new Map() };
    parser.on('field', (name, value) => form.fields.set(name, value));
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () =>
        form.files.set(name, { field: name, filename: info.filename ?? '', contentType: info.mimeType, data: Buffer.concat(chunks) }),
      );
    });
    parser.on('close', () => resolve(form));
    parser.on('error', reject);
    Readable.from([body]).pipe(parser);
  });
}
