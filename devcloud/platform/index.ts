// The WeChat/CloudBase side of devcloud (see platform.ts).

export { Platform, type PlatformOptions } from './platform';
export * from './protocol';
export { type MessageFilter, type SentMessage, type SubscribeDecision } from './subscribe';
export {
  SUBSCRIBE_VALUE_TYPES,
  type SubscribeValueType,
  checkValue,
  isSubscribeValueType,
  typeOfFieldKey,
} from './subscribe-rules';
export {
  type TemplateField,
  type TemplateRegistry,
  type TemplateSpec,
  loadTemplates,
  parseTemplates,
  templateById,
} from './templates';
export {
  SEC_CHECK_LABELS,
  type SecCheckLabel,
  type SecCheckSuggest,
  type Wordlist,
  loadWordlist,
  parseWordlist,
} from './wordlist';
export { type FileForUrl, type StoredFileInfo, contentTypeOf } from './storage';
export { MEMORY, PLATFORM_DB_FILE } from './store';
export { DEFAULT_OPENID_PATTERN } from './wechat';
export { PHONE_CODE_TTL_MS } from './phone';
export { MSG_SEC_CHECK_MAX_CONTENT } from './seccheck';
