/**
 * The app: starts cloud development with the environment from config.ts.
 */
import { CLOUD_ENV_ID } from './config';
import { initCloud } from './services/cloud';

App({
  onLaunch() {
    if (!wx.cloud) {
      console.error('云开发需要基础库 2.2.3 或以上：请在开发者工具的详情 → 本地设置中调高调试基础库');
      return;
    }
    initCloud(CLOUD_ENV_ID);
  },
});
