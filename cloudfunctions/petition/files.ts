// petition.files: temporary links to a petition's files — its attachments, the materials supplied
// and the replies' attachments — for its petitioner and the staff who may see it (access.ts);
// anyone else learns nothing, not even that it exists.
import type { PetitionFileLink, PetitionFileSource, petition } from '../../typings/petition';
import type { Handler } from '../_shared/action';
import { fileName, tempUrls } from '../_shared/files';
import { notFound } from '../_shared/failure';
import { auditStaffView, staffMaySee } from './access';
import { loadPetition, type PetitionDoc } from './store';

type Defs = typeof petition;

/** Links last two hours: long enough to read, short enough not to travel far. */
export const LINK_SECONDS = 2 * 60 * 60;

/** Supplied materials join the petition's attachments too; they are listed as materials. */
export function filesOf(doc: PetitionDoc): { fileID: string; source: PetitionFileSource }[] {
  const supplied = doc.materialsRequests.flatMap((r) => r.supplied);
  return [
    ...doc.attachments
      .filter((fileID) => !supplied.includes(fileID))
      .map((fileID) => ({ fileID, source: 'petition' as const })),
    ...supplied.map((fileID) => ({ fileID, source: 'materials' as const })),
    ...doc.replies.flatMap((r) =>
      r.attachments.map((fileID) => ({ fileID, source: 'reply' as const })),
    ),
  ];
}

export const files: Handler<Defs['files']> = async ({ input, ctx }) => {
  const doc = await loadPetition(input.id);
  const mine = !!doc && doc.petitionerOpenid !== null && doc.petitionerOpenid === ctx.openid;
  if (!doc || (!mine && !(ctx.staff && staffMaySee(ctx.staff, doc)))) {
    throw notFound('信访事项');
  }
  if (!mine && ctx.staff) await auditStaffView(ctx.staff, doc, ctx, 'files');
  const list = filesOf(doc);
  const urls = await tempUrls(
    list.map((f) => f.fileID),
    LINK_SECONDS,
  );
  const links: PetitionFileLink[] = list.map((f, i) => ({
    fileID: f.fileID,
    name: fileName(f.fileID),
    source: f.source,
    url: urls[i],
  }));
  return {
    files: links,
    expiresAt: new Date(ctx.now.getTime() + LINK_SECONDS * 1000).toISOString(),
  };
};
