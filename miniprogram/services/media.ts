/**
 * Photos on the phone: picking one from the album, measuring and compressing it.
 */

/** A photo on the phone, ready to upload. */
export interface LocalPhoto {
  path: string;
  /** Bytes; -1 when the size could not be read. */
  size: number;
}

/** Lets the user pick one photo from the album; null when cancelled. */
export async function chooseFromAlbum(): Promise<LocalPhoto | null> {
  try {
    const res = await wx.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['album'], sizeType: ['original'] });
    const file = res.tempFiles[0];
    return file ? { path: file.tempFilePath, size: file.size } : null;
  } catch (err) {
    if (isCancel(err)) return null;
    throw err;
  }
}

/** Size of a local file in bytes, -1 when it cannot be read (the photo is then treated as large). */
export function fileSize(filePath: string): Promise<number> {
  return new Promise((resolve) => {
    wx.getFileSystemManager().getFileInfo({
      filePath,
      success: (res) => resolve(res.size),
      fail: () => resolve(-1),
    });
  });
}

/** Recompresses a photo as JPEG; resolves with the new temporary file. */
export async function compressImage(src: string, quality: number, compressedWidth: number): Promise<string> {
  const res = await wx.compressImage({ src, quality, compressedWidth });
  return res.tempFilePath;
}

/** WeChat reports a user's cancel as a failure whose errMsg ends in `fail cancel`. */
function isCancel(err: unknown): boolean {
  const errMsg = (err as { errMsg?: unknown } | null)?.errMsg;
  return typeof errMsg === 'string' && /fail:? ?cancel/.test(errMsg);
}
