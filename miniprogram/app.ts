import { CLOUD_ENV_ID } from './config';

App<IAppOption>({
  globalData: {},
  onLaunch() {
    wx.cloud.init({ env: CLOUD_ENV_ID, traceUser: true });
  },
});
