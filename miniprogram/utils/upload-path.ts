/**
 * Where a photo goes in cloud storage. The path is random so that one user's card cannot be found by guessing
 * another's; it carries no date, side or user id because a path is visible in the storage console.
 */

const KNOWN_EXTENSIONS = /\.(jpe?g|png|webp|bmp)$/i;

/**
 * A fresh path for one upload, e.g. `idcard-upload/k3x9q2…7f.jpg`.
 * The extension follows the local file (iOS cameras write PNG, Android JPEG) so the storage type is right.
 *
 * @example uploadPath('idcard-upload', 'wxfile://tmp_1.png') // 'idcard-upload/1vq…e0.png'
 */
export function uploadPath(folder: string, localPath: string, random: () => number = Math.random): string {
  const ext = (KNOWN_EXTENSIONS.exec(localPath)?.[1] ?? 'jpg').toLowerCase();
  let name = Date.now().toString(36);
  // The mini-program has no crypto API on every base library; 16 base-36 digits of Math.random are enough to
  // make a path unguessable for the minute it lives (the function deletes it after reading).
  while (name.length < 24) name += Math.floor(random() * 36).toString(36);
  return `${folder}/${name}.${ext}`;
}
