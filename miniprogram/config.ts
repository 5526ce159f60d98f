/**
 * Deployment settings of this mini-program: the one file to edit when opening the project in DevTools.
 */

/**
 * The cloud development environment id (云开发控制台 → 设置 → 环境 ID), e.g. `prod-1a2b3c`.
 * Left empty, `wx.cloud.init` uses the environment selected in DevTools, which is fine while developing
 * but not for a release: set it before uploading.
 */
export const CLOUD_ENV_ID = '';

/** The cloud function that reads ID cards (folder cloudfunctions/ocrIdcard). */
export const OCR_FUNCTION_NAME = 'ocrIdcard';

/** Folder of cloud storage that photos are uploaded to; the function deletes each one after reading it. */
export const UPLOAD_FOLDER = 'idcard-upload';

/**
 * Photos larger than this are compressed on the phone before upload: the function accepts anything under
 * WeChat's 2 MB limit and shrinks the rest itself, but a smaller upload is faster on a mobile network.
 */
export const COMPRESS_ABOVE_BYTES = 1_000_000;

/** JPEG quality and width for that compression: 1600 px still leaves the smallest ID digits legible. */
export const COMPRESS_QUALITY = 80;
export const COMPRESS_WIDTH = 1600;
