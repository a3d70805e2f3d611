// The laws library's colloquial words and their statutory wording (#7), used by domain/laws/search.ts:
// a query clause holding the word gets a variant with the word replaced by each wording (words
// separated by a space are looked for separately), and the clause scores by its best variant. Kept
// to genuinely common equivalences, each with what it maps and why: what a citizen, a lawyer or a
// prosecutor types for what the texts say.

export const SYNONYMS: Record<string, string[]> = {
  // 阅卷: the statutes say 查阅、摘抄、复制本案的案卷材料 (刑事诉讼法第四十条, 律师法第三十四条).
  阅卷: ['查阅 摘抄 复制 案卷材料'],
  // 上访: the legal term is 信访 (信访工作条例).
  上访: ['信访'],
  // 信访人: as typed (kept so a clause holding it is not read as 上访).
  信访人: ['信访人'],
  // 投诉: 信访工作条例 speaks of 信访 and 投诉请求.
  投诉: ['信访 投诉请求'],
  // 保释: the Chinese equivalent is 取保候审.
  保释: ['取保候审'],
  // 取保: short for 取保候审.
  取保: ['取保候审'],
  // 多久, 多长时间: the texts state periods as 期限 or 日以内.
  多久: ['期限 日以内'],
  多长时间: ['期限 日以内'],
  // 时效: stated as 时效 or 时效期间.
  时效: ['时效 期间'],
  // 刑事责任年龄: 刑法第十七条 states it as 已满…周岁的人…应当负刑事责任.
  刑事责任年龄: ['已满 周岁 负刑事责任'],
  // 遭受: the texts mostly say 受到 (受到侵害, 受到损失).
  遭受: ['受到'],
  // 偷东西, 偷窃: the crime is 盗窃.
  偷东西: ['盗窃'],
  偷窃: ['盗窃'],
  // 骗钱: the crime is 诈骗 (诈骗公私财物).
  骗钱: ['诈骗'],
  // 电信诈骗: 刑法 has no separate crime; it is 诈骗 (刑法第二百六十六条) by telecommunication.
  电信诈骗: ['诈骗'],
  // 打人: 殴打 (治安管理处罚法) or 伤害 (故意伤害).
  打人: ['殴打 伤害'],
  // 打架: 斗殴 or 殴打.
  打架: ['斗殴 殴打'],
  // 醉驾, 酒驾: 醉酒 (饮酒) 驾驶机动车.
  醉驾: ['醉酒 驾驶机动车'],
  酒驾: ['醉酒 饮酒 驾驶机动车'],
  // 小孩, 孩子, 儿童, 未成年: the laws say 未成年人.
  小孩: ['未成年人'],
  孩子: ['未成年人'],
  儿童: ['未成年人 儿童'],
  未成年: ['未成年人'],
  // 性侵: 性侵害 (未成年人保护法, 民法典第一百九十一条).
  性侵: ['性侵害'],
  // 坐牢: 有期徒刑.
  坐牢: ['有期徒刑'],
  // 判刑: 判处 (有期徒刑…) 刑罚.
  判刑: ['判处 刑罚'],
  // 保外就医: executed as 暂予监外执行 (刑事诉讼法第二百六十五条).
  保外就医: ['暂予监外执行 保外就医'],
  // 找律师, 请律师: 委托辩护人 (律师).
  找律师: ['委托 辩护人 律师'],
  请律师: ['委托 辩护人 律师'],
  // 见律师: 会见 (辩护律师同在押的犯罪嫌疑人会见, 刑事诉讼法第三十九条).
  见律师: ['会见 辩护律师'],
  // 冤案, 翻案: 错案 and 申诉 / 再审.
  冤案: ['错案 申诉'],
  翻案: ['申诉 再审'],
  // 错捕, 错误逮捕: in 国家赔偿法 an arrest followed by 撤销案件、不起诉或者判决宣告无罪.
  错误逮捕: ['逮捕措施 撤销案件 不起诉 宣告无罪'],
  错捕: ['逮捕措施 撤销案件 不起诉 宣告无罪'],
  // 判决无罪, 无罪判决: the texts say 判决宣告无罪 (宣告无罪).
  判决无罪: ['宣告无罪'],
  无罪判决: ['宣告无罪'],
  // 认罪认罚: 刑事诉讼法第十五条 states it as 如实供述自己的罪行，承认指控的犯罪事实，愿意接受处罚.
  认罪认罚: ['如实供述 承认指控 接受处罚'],
  // 犯罪记录封存: the texts say 对…犯罪记录予以封存, 犯罪记录被封存 (刑事诉讼法第二百八十六条).
  犯罪记录封存: ['犯罪记录 封存'],
  // 追诉时效: 刑法第八十七条 says 犯罪经过下列期限不再追诉.
  追诉时效: ['不再追诉 期限'],
  // 上诉期限: stated as 上诉的期限 or …日内…提起上诉 (民事诉讼法第一百七十一条).
  上诉期限: ['上诉 期限', '日内 提起上诉'],
  // 起诉期限: stated as 提起诉讼的, 应当自…之日起…内提出 (行政诉讼法第四十六条).
  起诉期限: ['起诉期限', '提起诉讼 之日起 个月内'],
  // 赔钱: 赔偿.
  赔钱: ['赔偿'],
  // 隐私: as typed (a statutory word itself).
  隐私: ['隐私'],
  // 家暴: 家庭暴力.
  家暴: ['家庭暴力'],
  // 校园欺凌, 欺凌: 学生欺凌 (未成年人保护法).
  校园欺凌: ['学生欺凌'],
  欺凌: ['学生欺凌 欺凌'],
  // 网暴: 网络欺凌 (未成年人保护法) or 侮辱、诽谤.
  网暴: ['网络欺凌', '侮辱 诽谤'],
  // 监控, 人脸识别: 图像采集、个人身份识别设备 (个人信息保护法第二十六条).
  监控: ['图像采集 个人身份识别设备'],
  人脸识别: ['图像采集 个人身份识别设备 人脸识别'],
  // 打官司, 告状: 起诉 (诉讼), 控告.
  打官司: ['起诉 诉讼'],
  告状: ['起诉 控告'],
  // 举报: 举报 or 控告.
  举报: ['举报 控告'],
};
