// Aggregation: a leading `$match` (with a following `$sort`, `$skip`, `$limit`) runs through the
// planner like a query, the remaining stages run in mingo ($group, $project, $lookup with
// localField/foreignField or let/pipeline, $unwind, $addFields, $count, $sample, ...).
//
// The SDK sends no default limit for `aggregate().end()`; the service returns 20 documents
// when the pipeline has no `$limit` (observed by users, not documented:
// https://developers.weixin.qq.com/community/develop/article/doc/000624c67c8b48611dba2b12058c13).
import { Aggregator } from 'mingo';
import { isPlainObject, type Doc } from './ejson';
import { invalidParam, requestFailed } from './errors';
import { fixQuery, mingoOptions } from './matcher';
import type { Order } from './planner';
import type { Finder } from './query';
import type { Catalog } from './schema';

function sortOrder(spec: unknown): Order | null {
  if (!isPlainObject(spec)) return null;
  const order: Order = [];
  for (const [k, v] of Object.entries(spec)) {
    if (v !== 1 && v !== -1) return null;
    order.push([k, v]);
  }
  return order;
}

function nonNegativeInt(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
}

export function aggregate(
  finder: Finder,
  catalog: Catalog,
  collection: string,
  pipeline: Doc[],
  defaultLimit: number,
): Doc[] {
  for (const stage of pipeline) {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
      throw invalidParam('each aggregation stage must have exactly one operator');
    }
  }
  // Push the leading $match / $sort / $skip / $limit down.
  let i = 0;
  let match: Doc | undefined;
  let order: Order = [];
  let skip = 0;
  let limit = Infinity;
  if (pipeline[0] && '$match' in pipeline[0] && isPlainObject(pipeline[0].$match)) {
    match = pipeline[0].$match;
    i = 1;
    const sorted = pipeline[i] && '$sort' in pipeline[i] ? sortOrder(pipeline[i].$sort) : null;
    if (sorted) {
      order = sorted;
      i++;
    }
    const s = pipeline[i] && '$skip' in pipeline[i] ? nonNegativeInt(pipeline[i].$skip) : null;
    if (s !== null) {
      skip = s;
      i++;
    }
    const l = pipeline[i] && '$limit' in pipeline[i] ? nonNegativeInt(pipeline[i].$limit) : null;
    if (l !== null && l > 0) {
      limit = l;
      i++;
    }
  }
  // mingo's $match needs the same rewrite as queries (matcher.ts).
  const rest = pipeline
    .slice(i)
    .map((s) => ('$match' in s && isPlainObject(s.$match) ? { $match: fixQuery(s.$match) } : s));
  const hasLimit = pipeline.some((s) => '$limit' in s);
  if (!hasLimit) rest.push({ $limit: defaultLimit });

  const docs = finder.find(collection, match, { order, skip, limit }).map((r) => r.doc);
  const cache = new Map<string, Doc[]>();
  const resolve = (name: string): Doc[] => {
    let found = cache.get(name);
    if (!found) {
      found = catalog.has(name) ? finder.find(name, undefined).map((r) => r.doc) : [];
      cache.set(name, found);
    }
    return found;
  };
  try {
    return new Aggregator(rest, { ...mingoOptions(rest), collectionResolver: resolve }).run(
      docs,
    ) as Doc[];
  } catch (e) {
    throw requestFailed((e as Error).message);
  }
}
