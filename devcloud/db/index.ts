// devcloud's database: the CloudBase document database behind wx-server-sdk, on SQLite.
export { Store, newId, type StoreOptions } from './store';
export {
  loadCollectionSpecs,
  validateSpec,
  type CollectionSpec,
  type IndexSpec,
  type IndexKeySpec,
} from './schema';
export { DbError, type DbErrorCode } from './errors';
