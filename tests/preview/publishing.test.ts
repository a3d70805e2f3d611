// Publishing a redacted legal document in the browser preview, through what people tap and type: a
// case manager (周婷) finds the case by its number and saves an indictment's text for it; the second
// case manager (吴敏) reviews the original and the masked text side by side and publishes it after
// confirming; then someone with no identity the functions know (no profile, no staff record) finds
// it in 法律文书公开 by keyword and opens it — and the victim's real name is nowhere on the page.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PREVIEW_DIR, openPreview, type Preview } from './browser';

const built = existsSync(join(PREVIEW_DIR, 'index.html'));

const AG = 'o-staff-110105-ag'; // 周婷
const AG2 = 'o-staff-110105-ag2'; // 吴敏
/** Nobody: an OPENID no demo identity, profile or staff record has. */
const NOBODY = 'o-publishing-nobody';

const VICTIM = '李小红';
const ID = '110105198503021234';
const PHONE = '13912345678';
/** What the public must never see: the victim, the witness, the defendant's given name, numbers. */
const SECRETS = [VICTIM, '小红', '陈宝宝', '张三丰', '三丰', ID, PHONE];
const TITLE = '东三环交通肇事逃逸案起诉书';
const TEXT =
  '北京市朝阳区人民检察院 起诉书 ' +
  `被告人张三丰，男，1985年3月2日出生，身份证号码${ID}，联系电话${PHONE}。` +
  '2024年5月，被告人张三丰驾驶机动车违反交通运输管理法规，在朝阳区东三环路将被害人李小红撞伤后逃逸，构成交通肇事罪。' +
  '证人陈宝宝目睹了经过。三丰到案后如实供述。';

(built ? describe : () => undefined)(
  'Publishing a redacted document in the browser preview',
  () => {
    let p: Preview;
    let caseNumber = '';

    beforeAll(async () => {
      p = await openPreview({ as: AG });
      // Registering the case has its own pages and tests; here case management registered it.
      caseNumber = `京朝检刑诉受〔2024〕110105${String(Date.now() % 1000000).padStart(6, '0')}号`;
      const saved = await p.cloud.invoke(
        'cases',
        {
          action: 'case.save',
          input: {
            caseNumber,
            cause: '交通肇事罪',
            acceptedOn: '2024-06-01',
            timeLimit: '2024-07-15',
            handlingUnit: '第一检察部 李检察官办案组',
            stage: '审查起诉',
            parties: [
              { name: '张三丰', role: 'defendant', age: 38, sentenceMonths: 18 },
              { name: VICTIM, role: 'victim', age: 29 },
              { name: '陈宝宝', role: 'witness', age: 15 },
            ],
            measures: [],
            flags: {},
          },
        },
        { openid: AG },
      );
      expect(saved.result).toMatchObject({ ok: true });
    }, 30_000);

    /**
     * Types a value longer than its field shows, then leaves the field: the field scrolls its own
     * text (while typing, and back when it loses focus), and a tap within 150 ms of a scroll is
     * taken as the scroll's end (j-component, as a phone), so it is left to rest before the next tap.
     */
    async function typeLong(label: RegExp, value: string) {
      await p.type(label, value);
      await p.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await p.idle();
      await p.page.waitForTimeout(200);
    }

    afterAll(async () => {
      await p?.close();
    });

    afterEach(async () => {
      expect(await p.errors()).toEqual([]);
    });

    test('When a case manager finds the case and saves the document, then the masked text is shown beside the original, without an approval for her', async () => {
      await p.launch('/pages/me/index', { as: AG });
      await p.tap('文书公开');
      await p.waitForText('暂无文书');
      await p.tap('新建文书');
      await typeLong(/^所属案件/, caseNumber);
      await p.tap('查找案件');
      await p.tap(new RegExp(`^选择 ${caseNumber}`));
      await p.pick(/^文书类型/, '起诉书');
      await p.type(/^文书标题/, TITLE);
      await typeLong(/^文书内容/, TEXT);
      await p.tap('保存并查看脱敏结果');
      await p.waitForText('原文与脱敏结果对照');
      expect((await p.route()).route).toBe('casework/document-review/index');
      const text = await p.text();
      expect(text).toContain('待审核');
      expect(text).toContain('您起草或修改过此文书，需由本院另一名案件管理人员审核公开。');
      expect(text).not.toContain('审核发布');
    }, 60_000);

    test('When the second case manager reviews it side by side and publishes it, then it is published', async () => {
      await p.as(AG2);
      await p.tap('我的');
      await p.tap('文书公开');
      await p.tap(new RegExp(`^${TITLE}`));
      await p.waitForText('原文与脱敏结果对照');
      const page = p.current();
      // Both texts, each masked span marked in both: the victim's name on the left, 李某 on the right.
      const left = page.locator('#original-text [class*="--mark-mask"]');
      const right = page.locator('#masked-text [class*="--mark-mask"]');
      expect(await left.count()).toBeGreaterThanOrEqual(6);
      expect(await right.count()).toBe(await left.count());
      expect(await left.allInnerTexts()).toEqual(expect.arrayContaining([VICTIM, ID, PHONE]));
      expect(await right.allInnerTexts()).toEqual(expect.arrayContaining(['李某', '张某', '陈某']));
      const masked = await page.locator('#masked-text').innerText();
      for (const secret of SECRETS) expect(masked).not.toContain(secret);
      // Side by side: the masked column starts level with the original, to its right.
      const a = await page.locator('#original-column').boundingBox();
      const b = await page.locator('#masked-column').boundingBox();
      expect(a && b && Math.abs(a.y - b.y) < 2 && b.x > a.x + a.width - 1).toBe(true);
      // A marked span tells its kind and why.
      await p.tap(
        page.locator('#original-text [class*="--mark-mask"]', { hasText: VICTIM }).first(),
      );
      const why = await p.modal();
      expect(why.title).toBe('已脱敏：姓名');
      expect(why.content).toContain(`“${VICTIM}”改为“李某”`);
      await p.tap('知道了');
      await p.shot('preview-publish-review');

      await p.tap('审核发布');
      const ask = await p.modal();
      expect(ask.title).toBe('审核公开');
      await p.tap('确认公开');
      await p.waitForText('已发布');
      expect(await p.text()).toContain('吴敏');
      expect(await p.text()).not.toContain('审核发布');
    }, 60_000);

    test('When nobody searches 法律文书公开 by keyword and opens the document, then it is masked and the victim is named nowhere on the page', async () => {
      await p.launch('/pages/index/index', { as: NOBODY });
      await p.tap(/^法律文书公开/);
      await p.waitForData('state', 'ready');
      await p.type(/^关键词/, '交通肇事');
      await p.tap('搜索');
      await p.waitForText('“交通肇事”的搜索结果');
      const hits = await p.current().locator('[class*="--hit"]').allInnerTexts();
      expect(hits).toContain('交通肇事');
      await p.shot('preview-publish-search');
      await p.tap(new RegExp(`^${TITLE}`));
      await p.waitForText('被害人李某');
      expect((await p.route()).route).toBe('public/document/index');
      const text = await p.text();
      expect(text).toContain('被告人张某');
      expect(text).toContain(caseNumber);
      await p.shot('preview-publish-public-document');
      // Nowhere: not in what shows, nor anywhere in the document (pages below in the stack included).
      const html = await p.page.content();
      for (const secret of SECRETS) {
        expect(text).not.toContain(secret);
        expect(html).not.toContain(secret);
      }
    }, 60_000);
  },
);
