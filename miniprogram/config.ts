// Deployment settings the mini program reads at runtime; the only place ids of the cloud live.

/**
 * The CloudBase environment id (云开发环境 ID), from the console's 环境设置. Replace the placeholder
 * before uploading. devcloud and the page tests ignore it: they answer every call locally.
 */
export const CLOUD_ENV_ID = 'your-env-id';

/**
 * Subscription-message template ids (订阅消息模板 ID). They mirror config/templates.json, which the
 * cloud functions send with; tests/miniprogram/mirror.test.ts fails when the two disagree.
 */
export const TEMPLATE_IDS = {
  suggestionReplied: 'Kxe4isZUL7wGkFZQ3FKnlbevuQunq1usqgPIvXoc392',
  petitionProgress: 'HIEX-TO4HbfI7HtMGecQu4fvwk56Z-yfputUhh-xGJG',
  appointmentResult: 'B7OdiiMEc7jW7QjQHPFJle7vBh6mHGiuJfyH6_I-Rrh',
  caseProgress: 'BZGA8fKZVIAO7jVKJMGkiziFMpX_tBR30ZHNDJsU4QT',
} as const;
