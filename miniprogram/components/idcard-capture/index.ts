/**
 * <idcard-capture>: the whole capture-and-recognize flow for one ID card, both sides.
 * Glue only: platform calls are in services/, decisions in utils/.
 *
 * Properties: `ocr-type` ('photo' | 'scan', default 'photo'), `sides` (default ['Front', 'Back']).
 * Event: `confirm`, detail ConfirmedIdcard; the same object stays readable as `data.confirmed`.
 */
import type { CardSide, OcrType } from '../../shared/idcard';
import { COMPRESS_ABOVE_BYTES, COMPRESS_QUALITY, COMPRESS_WIDTH, UPLOAD_FOLDER } from '../../config';
import { openCameraSettings, requestCameraPermission, takePhoto } from '../../services/camera';
import { callOcrIdcard, uploadFile } from '../../services/cloud';
import { chooseFromAlbum, compressImage, fileSize } from '../../services/media';
import { backForm, chinaToday, editBack, type BackForm } from '../../utils/back-form';
import { confirmedIdcard, confirmState, type ConfirmedIdcard } from '../../utils/confirm';
import { phoneFailure, type ShownFailure } from '../../utils/failure';
import { editFront, frontForm, type FrontField, type FrontForm } from '../../utils/front-form';
import { recognizeCard, type Photo, type RecognizeSteps } from '../../utils/recognize';
import { emptyTile, requestedSides, tileIn, type TileState, type TileView } from '../../utils/tile';

const steps: RecognizeSteps = {
  compress: (path) => compressImage(path, COMPRESS_QUALITY, COMPRESS_WIDTH),
  upload: uploadFile,
  call: callOcrIdcard,
};

interface CameraView {
  /** The side being shot; '' when the camera is closed. */
  side: CardSide | '';
  title: string;
  hint: string;
  /** A steady torch rather than a flash: the user sees glare on the card before shooting, not after. */
  flash: 'off' | 'torch';
}

interface CaptureData {
  tiles: TileView[];
  front: FrontForm | null;
  back: BackForm | null;
  idRevealed: boolean;
  camera: CameraView;
  /** The side whose camera permission was refused; '' when the explanation is hidden. */
  permissionSide: CardSide | '';
  canConfirm: boolean;
  confirmHint: string;
  confirmed: ConfirmedIdcard | null;
}

/** State of one component instance that is not rendered (setData would send it to the view for nothing). */
interface Unrendered {
  /** Last photo per side, for retry. */
  photos: Partial<Record<CardSide, Photo>>;
  /** The tile as it was before the camera opened, restored on cancel. */
  beforeShooting: TileView | null;
}

const unrendered = new WeakMap<object, Unrendered>();

function own(instance: object): Unrendered {
  let state = unrendered.get(instance);
  if (!state) {
    state = { photos: {}, beforeShooting: null };
    unrendered.set(instance, state);
  }
  return state;
}

const CLOSED_CAMERA: CameraView = { side: '', title: '', hint: '', flash: 'off' };

type DatasetEvent = { currentTarget: { dataset: { side?: CardSide; field?: FrontField } } };
type InputEvent = DatasetEvent & { detail: { value: string } };

Component({
  options: { styleIsolation: 'isolated' },
  properties: {
    ocrType: { type: String, value: 'photo' },
    sides: { type: Array, value: ['Front', 'Back'] },
  },
  data: {
    tiles: [],
    front: null,
    back: null,
    idRevealed: false,
    camera: CLOSED_CAMERA,
    permissionSide: '',
    canConfirm: false,
    confirmHint: '',
    confirmed: null,
  } as CaptureData,
  observers: {
    // A host page may set `sides` in its onLoad, after this component attached.
    sides() {
      this.syncTiles();
    },
  },
  lifetimes: {
    attached() {
      this.syncTiles();
    },
  },
  methods: {
    onShoot(e: DatasetEvent) {
      const side = e.currentTarget.dataset.side;
      if (side) void this.openCamera(side);
    },

    async openCamera(side: CardSide) {
      if (!(await requestCameraPermission())) {
        this.setData({ permissionSide: side });
        return;
      }
      const tile = this.tile(side);
      own(this).beforeShooting = tile;
      this.setData({ permissionSide: '', camera: { side, title: tile.title, hint: tile.hint, flash: 'off' } });
      this.setTile(side, 'shooting');
    },

    /** `<camera>` reports a refused permission (or a camera in use elsewhere) through its error event. */
    onCameraError() {
      const side = this.data.camera.side;
      this.closeCamera(true);
      if (side) this.setData({ permissionSide: side });
    },

    onCancelCamera() {
      this.closeCamera(true);
    },

    onToggleFlash() {
      this.setData({ 'camera.flash': this.data.camera.flash === 'off' ? 'torch' : 'off' });
    },

    async onTakePhoto() {
      const side = this.data.camera.side;
      if (!side) return;
      let path: string;
      try {
        path = await takePhoto();
      } catch (err) {
        this.closeCamera(false);
        this.failWithoutPhoto(side, phoneFailure('CAMERA', err));
        return;
      }
      this.closeCamera(false);
      await this.recognize(side, { path, size: await fileSize(path) });
    },

    async onAlbum(e: DatasetEvent) {
      const side = e.currentTarget.dataset.side;
      if (!side) return;
      this.setData({ permissionSide: '' });
      let photo: Photo | null;
      try {
        photo = await chooseFromAlbum();
      } catch (err) {
        this.failWithoutPhoto(side, phoneFailure('ALBUM', err));
        return;
      }
      if (photo) await this.recognize(side, photo); // null: the user cancelled, nothing changes
    },

    async onOpenSetting() {
      const side = this.data.permissionSide;
      if (!side) return;
      let granted = false;
      try {
        granted = await openCameraSettings();
      } catch (err) {
        // The settings page could not open: the explanation stays, with the album as the way forward.
        console.warn('[idcard-capture] openSetting failed', err);
      }
      if (granted) await this.openCamera(side);
    },

    onClosePermission() {
      this.setData({ permissionSide: '' });
    },

    async onRetry(e: DatasetEvent) {
      const side = e.currentTarget.dataset.side;
      const photo = side && own(this).photos[side];
      if (side && photo) await this.recognize(side, photo);
    },

    async recognize(side: CardSide, photo: Photo) {
      if (this.tile(side).busy) return; // one photo per side at a time: its buttons are hidden meanwhile
      own(this).photos[side] = photo;
      this.setTile(side, 'uploading', { photo: photo.path });
      this.setData(side === 'Front' ? { front: null } : { back: null });
      const outcome = await recognizeCard(
        { photo, side, type: ocrTypeOf(this.data.ocrType), folder: UPLOAD_FOLDER, compressAbove: COMPRESS_ABOVE_BYTES },
        steps,
        (phase) => this.setTile(side, phase),
      );
      if (!outcome.ok) {
        this.fail(side, outcome.failure);
        return;
      }
      const result = outcome.result;
      if (result.type === 'Front') this.setData({ front: frontForm(result), idRevealed: false });
      else this.setData({ back: backForm(result) });
      this.setTile(side, 'done');
    },

    onFrontInput(e: InputEvent) {
      const field = e.currentTarget.dataset.field;
      if (field && this.data.front) this.setData({ front: editFront(this.data.front, field, e.detail.value) });
      this.refreshConfirm();
    },

    onBackInput(e: InputEvent) {
      if (this.data.back) this.setData({ back: editBack(this.data.back, e.detail.value, chinaToday()) });
      this.refreshConfirm();
    },

    onToggleId() {
      this.setData({ idRevealed: !this.data.idRevealed });
    },

    onConfirm() {
      if (!this.data.canConfirm) return;
      const confirmed = confirmedIdcard(this.data.tiles, this.data.front, this.data.back);
      this.setData({ confirmed });
      this.triggerEvent('confirm', confirmed);
    },

    /** What the user confirmed last, or null: for hosts that read it with selectComponent. */
    getConfirmed(): ConfirmedIdcard | null {
      return this.data.confirmed;
    },

    /** One tile per asked side; a side already in progress keeps its tile. */
    syncTiles() {
      const sides = requestedSides(this.data.sides);
      const tiles = sides.map((side) => this.data.tiles.find((tile) => tile.side === side) ?? emptyTile(side));
      this.setData({
        tiles,
        front: sides.includes('Front') ? this.data.front : null,
        back: sides.includes('Back') ? this.data.back : null,
      });
      this.refreshConfirm();
    },

    closeCamera(restore: boolean) {
      const state = own(this);
      this.setData({ camera: CLOSED_CAMERA });
      if (restore && state.beforeShooting) this.setTileView(state.beforeShooting);
      state.beforeShooting = null;
    },

    fail(side: CardSide, failure: ShownFailure) {
      if (failure.errMsg) console.warn(`[idcard-capture] ${side}: ${failure.errCode} ${failure.errMsg}`);
      this.setTile(side, 'failed', { failure });
    },

    /** No new photo came (camera or album failed): nothing to send again, so retry means shooting again. */
    failWithoutPhoto(side: CardSide, failure: ShownFailure) {
      delete own(this).photos[side];
      this.setData(side === 'Front' ? { front: null } : { back: null });
      this.fail(side, failure);
      this.setTile(side, 'failed', { photo: '' });
    },

    tile(side: CardSide): TileView {
      return this.data.tiles.find((tile) => tile.side === side) ?? emptyTile(side);
    },

    setTile(side: CardSide, state: TileState, change?: Partial<Pick<TileView, 'photo' | 'failure'>>) {
      this.setTileView(tileIn(this.tile(side), state, change));
    },

    setTileView(view: TileView) {
      const index = this.data.tiles.findIndex((tile) => tile.side === view.side);
      if (index < 0) return;
      this.setData({ [`tiles[${index}]`]: view });
      this.refreshConfirm();
    },

    refreshConfirm() {
      const state = confirmState(this.data.tiles, this.data.front, this.data.back);
      this.setData(hint(state));
    },
  },
});

function ocrTypeOf(value: unknown): OcrType {
  return value === 'scan' ? 'scan' : 'photo';
}

function hint(state: { canConfirm: boolean; hint: string }): Pick<CaptureData, 'canConfirm' | 'confirmHint'> {
  return { canConfirm: state.canConfirm, confirmHint: state.hint };
}
