/* demo-records.c: the records (公开信息) of the demonstration database
 *
 * For the city, every district and about three townships in four, under the
 * items of their newest published catalogs, this writes what a county's
 * column holds after migration: policy documents with 文号 (长民发〔2021〕12号),
 * monthly and quarterly 公示 of 低保 and 特困 lists and payments, 办事指南,
 * budgets, project approvals, tender notices, and lists of objects — one
 * record per school in 义务教育学校名录 (20 to 60 a district), per private
 * school, per cultural venue, per housing regulation.  Dates run from
 * 2020-01 to 2021-12; most records are 有效, 主动公开 and published, a few
 * 失效 or 废止, 依申请公开 or 不予公开 (with the legal ground), drafts or
 * withdrawn.  Each region leaves a different share of its 二级事项 without
 * records, so that the map's completeness shading differs.  A few records
 * carry a small generated PDF or CSV.
 *
 * Everything is deterministic: a splitmix64 generator seeded from the names
 * of region and item, never the clock.  Bodies are Markdown without HTML.
 * Every record passes record_check() before it is stored; the whole run is
 * one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "../domain/catalog-diff.h"
#include "../domain/catalog.h"
#include "../domain/record-import.h"
#include "../domain/record.h"
#include "../util/buf.h"
#include "../util/hmap.h"
#include "../util/progress.h"
#include "../util/xalloc.h"

#define CITY "430100"
#define CITY_NAME "长沙市"
#define DAYS 731		/* 2020-01-01 … 2021-12-31 */
#define DAY0 18262		/* 2020-01-01 in days since 1970-01-01 */

/* --- a deterministic generator --- */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static unsigned below(struct rng *r, unsigned n)
{
	return n ? (unsigned)(rng_next(r) % n) : 0;
}

/* True 'per_mille' times in a thousand. */
static bool chance(struct rng *r, unsigned per_mille)
{
	return below(r, 1000) < per_mille;
}

static uint64_t hash_str(uint64_t h, const char *s)
{
	if (!h)
		h = 0xcbf29ce484222325ull;
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

static struct rng rng_for(const char *a, const char *b)
{
	struct rng r = { hash_str(hash_str(0, a), b) };

	rng_next(&r);
	return r;
}

#define PICK(r, arr) ((arr)[below((r), sizeof(arr) / sizeof((arr)[0]))])

/* --- dates --- */

struct date {
	int y, m, d;
};

static struct date date_of(int day)
{
	long z = DAY0 + day + 719468, era, yoe, doy, mp;
	struct date t;

	era = z / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	t.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	t.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	t.y = (int)(yoe + era * 400 + (t.m <= 2));
	return t;
}

static const char *date_text(struct arena *a, int day)
{
	struct date t = date_of(day);

	return arena_printf(a, "%04d-%02d-%02d", t.y, t.m, t.d);
}

static const char *date_cn(struct arena *a, int day)
{
	struct date t = date_of(day);

	return arena_printf(a, "%d年%d月%d日", t.y, t.m, t.d);
}

static const char *const cn_digit[] = { "〇", "一", "二", "三", "四", "五",
					"六", "七", "八", "九" };

/* 1..99 in Chinese numerals (第十五中学). */
static const char *cn_number(struct arena *a, int n)
{
	if (n < 10)
		return cn_digit[n];
	if (n < 20)
		return n == 10 ? "十" : arena_printf(a, "十%s", cn_digit[n % 10]);
	return arena_printf(a, "%s十%s", cn_digit[n / 10],
			    n % 10 ? cn_digit[n % 10] : "");
}

/* --- what each region and domain is made of --- */

static const struct {
	const char *code, *abbr;
	const char *roads[8];
} districts[] = {
	{ "430100", "长", { "五一大道", "芙蓉中路", "湘江中路", "韶山北路",
			    "劳动西路", "人民中路", "解放西路", "营盘路" } },
	{ "430102", "芙", { "五一大道", "芙蓉中路", "韶山北路", "八一路",
			    "解放西路", "人民东路", "车站北路", "马王堆路" } },
	{ "430103", "天", { "劳动西路", "书院路", "芙蓉南路", "新开铺路",
			    "雀园路", "南湖路", "天心路", "黑石铺路" } },
	{ "430104", "岳", { "麓山南路", "桐梓坡路", "枫林路", "岳麓大道",
			    "银杉路", "金星中路", "梅溪湖路", "潇湘中路" } },
	{ "430105", "开", { "湘江中路", "芙蓉北路", "三一大道", "湘雅路",
			    "伍家岭路", "北辰路", "青竹湖路", "中山路" } },
	{ "430111", "雨", { "韶山中路", "劳动东路", "万家丽中路", "人民中路",
			    "曙光中路", "时代阳光大道", "香樟路", "洞井路" } },
	{ "430112", "望", { "雷锋大道", "郭亮路", "金星北路", "旺旺路",
			    "马桥河路", "黄金路", "月亮岛路", "同心路" } },
	{ "430121", "长县", { "星沙大道", "开元路", "东八线", "漓湘路",
			      "特立路", "板仓路", "望仙路", "黄兴大道" } },
	{ "430181", "浏", { "金沙路", "白沙路", "圭斋路", "人民路", "花炮大道",
			    "沿河路", "北正路", "荷花路" } },
	{ "430182", "宁", { "花明路", "春城路", "一环路", "新康路", "玉潭路",
			    "宁乡大道", "金洲大道", "沩宁路" } },
};
#define NDISTRICTS (sizeof(districts) / sizeof(districts[0]))

/* Share of 二级事项 with records, per district (in the order above). */
static const unsigned coverage_permille[NDISTRICTS] = {
	900, 920, 720, 880, 500, 640, 380, 810, 570, 450,
};

struct domain_text {
	const char *code;
	const char *dept;	/* the unit's name after the region's, "" = 人民政府 */
	const char *doc;	/* 文号 word after the abbreviation */
	const char *topic;	/* 主题分类 */
	const char *basis;
	const char *goal;
	const char *task[4];
	const char *process;
	const char *standard;	/* …标准 elements */
	const char *material;
	const char *condition;
};

static const struct domain_text domain_texts[] = {
	{ "shjz", "民政局", "民发", "民政、扶贫、救灾",
	  "《社会救助暂行办法》《湖南省最低生活保障工作规程》",
	  "切实保障困难群众基本生活，织密扎牢民生兜底保障网",
	  { "精准认定救助对象，严格执行家庭经济状况核对制度",
	    "规范审核确认程序，落实民主评议和张榜公示制度",
	    "按时足额发放救助资金，全面实行社会化发放",
	    "加强动态管理，做到应保尽保、应退尽退" },
	  "经街道（镇）审核、区民政局确认",
	  "城市低保标准每人每月650元，农村低保标准每人每月500元",
	  "申请书、居民身份证、户口簿、家庭收入及财产状况申报表、家庭经济状况核对授权书",
	  "户籍在本地，共同生活家庭成员人均月收入低于当地最低生活保障标准，且家庭财产状况符合规定" },
	{ "ywjy", "教育局", "教发", "教育",
	  "《中华人民共和国义务教育法》《教育部关于推进中小学信息公开工作的意见》",
	  "促进义务教育优质均衡发展，办好人民满意的教育",
	  { "坚持免试就近入学，严格执行划片招生政策",
	    "保障进城务工人员随迁子女平等接受义务教育",
	    "落实“双减”要求，规范学校办学行为",
	    "完善家庭经济困难学生资助体系，做到应助尽助" },
	  "经学校申报、区教育局审核",
	  "按照省、市核定的标准执行",
	  "户口簿、居民身份证、房屋产权证明或居住证",
	  "适龄儿童少年户籍或居住证在本学区" },
	{ "czyjs", "财政局", "财预", "财政、金融、审计",
	  "《中华人民共和国预算法》《地方预决算公开操作规程》",
	  "深化预决算公开，主动接受社会监督，提高财政透明度",
	  { "按经济分类公开一般公共预算基本支出",
	    "细化“三公”经费公开内容并说明增减变化原因",
	    "同步公开政府性基金预算和国有资本经营预算",
	    "做好预决算公开的解读和社会关切回应" },
	  "经本级人民代表大会审查批准",
	  "按照《地方预决算公开操作规程》执行",
	  "预算表、决算表及说明",
	  "—" },
	{ "zdjsxm", "发展和改革局", "发改投资", "国民经济管理、国有资产监管",
	  "《政府投资条例》《企业投资项目核准和备案管理条例》",
	  "规范重大建设项目审批程序，提高政府投资效益",
	  { "严格执行项目审批、核准、备案制度",
	    "加快推进项目前期工作，压缩审批时限",
	    "强化项目建设全过程监管",
	    "及时公开批准和实施信息，接受社会监督" },
	  "经审查",
	  "按照国家和省有关规定执行",
	  "项目申请报告、项目建议书或可行性研究报告、用地预审意见、规划选址意见",
	  "符合国民经济和社会发展规划、国土空间规划和产业政策" },
	{ "ggzyjy", "", "政发", "综合政务",
	  "《中华人民共和国招标投标法》《中华人民共和国政府采购法》",
	  "规范公共资源交易活动，营造公开、公平、公正的市场环境",
	  { "全面推行公共资源交易全流程电子化",
	    "严格落实招标投标和政府采购信息公开要求",
	    "加强评标专家和代理机构管理",
	    "畅通投诉举报渠道，依法查处违法违规行为" },
	  "经审核",
	  "按照招标文件规定执行",
	  "营业执照、资质证书、类似项目业绩、投标保证金缴纳凭证",
	  "具有独立承担民事责任的能力和相应资质" },
	{ "ylfw", "民政局", "民发", "民政、扶贫、救灾",
	  "《中华人民共和国老年人权益保障法》《养老机构管理办法》",
	  "加快发展养老服务业，满足老年人多层次、多样化养老服务需求",
	  { "全面落实养老机构备案管理制度",
	    "按规定发放养老服务建设和运营补贴",
	    "落实高龄津贴和经济困难老年人养老服务补贴",
	    "加强养老机构安全管理和服务质量监管" },
	  "经街道（镇）初审、区民政局审核",
	  "80至89周岁每人每月50元，90至99周岁每人每月100元，100周岁以上每人每月300元",
	  "养老机构备案书、承诺书、营业执照或登记证书、消防安全检查合格证明",
	  "年满60周岁、户籍在本地" },
	{ "snbt", "", "政发", "农业、林业、水利",
	  "《农业相关转移支付资金管理办法》《农业生产发展资金管理办法》",
	  "加大强农惠农富农政策力度，确保补贴资金安全、及时、足额发放",
	  { "准确核实补贴面积和补贴对象",
	    "严格执行村级公示制度，公示期不少于7天",
	    "通过“一卡通”直接发放补贴资金",
	    "加强补贴资金监管，严禁截留挪用" },
	  "经村级公示、乡镇审核、县级农业农村和财政部门审定",
	  "耕地地力保护补贴每亩105.6元",
	  "居民身份证、土地承包经营权证、“一卡通”账户",
	  "承包耕地并实际种植的农户" },
	{ "cxgh", "自然资源和规划局", "资规发", "城乡建设、环境保护",
	  "《中华人民共和国城乡规划法》《中华人民共和国土地管理法》",
	  "强化国土空间规划引领，推动城乡高质量发展",
	  { "统筹划定生态保护红线、永久基本农田和城镇开发边界",
	    "完善控制性详细规划编制和修改程序",
	    "推进村庄规划编制全覆盖",
	    "严格规划实施监督，依法查处违法建设" },
	  "经规划委员会审议",
	  "按照《长沙市城乡规划管理技术规定》执行",
	  "申请表、土地权属证明、建设工程设计方案、总平面图",
	  "符合国土空间规划和控制性详细规划" },
	{ "bzxzf", "", "政办发", "城乡建设、环境保护",
	  "《公共租赁住房管理办法》《湖南省保障性住房管理办法》",
	  "完善住房保障体系，解决城镇中低收入住房困难家庭住房问题",
	  { "规范公共租赁住房申请、审核、轮候和配租",
	    "按时足额发放城镇住房保障家庭租赁补贴",
	    "加快发展保障性租赁住房",
	    "加强保障性住房后续管理和动态监管" },
	  "经街道（镇）初审、区住房保障部门复审",
	  "按照当年公布的标准执行",
	  "申请表、户口簿、居民身份证、收入证明、住房情况证明",
	  "本地城镇户籍，家庭人均收入和住房面积低于规定标准" },
	{ "ggwhfw", "", "政办发", "文化、广电、新闻出版",
	  "《中华人民共和国公共文化服务保障法》《湖南省基本公共文化服务实施标准》",
	  "推进基本公共文化服务标准化、均等化，保障群众基本文化权益",
	  { "公共图书馆、文化馆（站）全部免费开放",
	    "开展全民阅读和群众文化活动",
	    "推进基层综合性文化服务中心建设",
	    "公开开放时间和服务项目，接受群众监督" },
	  "经审核",
	  "免费开放",
	  "—",
	  "—" },
};

static const struct domain_text generic_text = {
	"", "", "政发", "综合政务", "《中华人民共和国政府信息公开条例》",
	"推进政务公开标准化规范化，提升政务服务水平",
	{ "明确公开事项和公开标准", "规范公开流程和公开方式",
	  "加强公开平台建设", "强化监督考核" },
	"经审核", "按照有关规定执行", "申请书及相关证明材料", "符合有关规定",
};

static const struct domain_text *domain_text(const char *code)
{
	for (size_t i = 0; i < sizeof(domain_texts) / sizeof(domain_texts[0]); i++)
		if (code && !strcmp(domain_texts[i].code, code))
			return &domain_texts[i];
	return &generic_text;
}

/* --- title templates per item --- */

/* kind: D document with 文号, N notice (公示, 情况), G 办事指南, R report or
 * data, P project approval with 文号, T tender notice.  period: Y, Q, M, B
 * (第N批) or '-' — the titles of one item differ by their period. */
struct tpl {
	char kind, period;
	const char *text;
};

static const struct tpl t_shjz_general[] = {
	{ 'D', '-', "关于印发《{R}社会救助家庭经济状况核对办法》的通知" },
	{ 'D', '-', "关于进一步加强和改进{R}社会救助工作的实施意见" },
	{ 'D', 'Y', "关于做好{Y}年社会救助兜底保障工作的通知" },
	{ 'D', '-', "{R}社会救助“一门受理、协同办理”工作实施方案" },
	{ 'D', '-', "关于做好疫情防控期间困难群众基本生活保障工作的通知" },
	{ 'D', '-', "关于印发《{R}社会救助资金管理办法》的通知" },
	{ 'D', '-', "关于建立{R}困难群众主动发现机制的通知" },
	{ 'D', '-', "{R}社会救助信息公开实施办法" },
	{ 'D', 'Y', "{R}{Y}年社会救助工作要点" },
	{ 0, 0, NULL } };
static const struct tpl t_shjz_supervise[] = {
	{ 'N', '-', "{R}社会救助服务热线和投诉举报电话公告" },
	{ 'N', 'Y', "{R}{Y}年社会救助领域群众身边腐败和作风问题专项治理情况通报" },
	{ 'N', 'Q', "{Y}年第{Q}季度社会救助资金监督检查情况通报" },
	{ 'N', 'Q', "{R}{Y}年第{Q}季度社会救助信访件办理情况" },
	{ 0, 0, NULL } };
static const struct tpl t_dibao_policy[] = {
	{ 'D', '-', "关于印发《{C}最低生活保障工作规程》的通知" },
	{ 'D', 'Y', "关于提高{Y}年城乡最低生活保障标准的通知" },
	{ 'D', '-', "{R}最低生活保障对象认定实施细则" },
	{ 'D', '-', "关于进一步规范最低生活保障审核确认工作的通知" },
	{ 'D', '-', "关于做好最低生活保障边缘家庭认定工作的通知" },
	{ 'D', '-', "{R}最低生活保障家庭经济状况评估认定办法" },
	{ 0, 0, NULL } };
static const struct tpl t_dibao_guide[] = {
	{ 'G', '-', "最低生活保障申请办事指南" },
	{ 'G', 'Y', "{R}城乡最低生活保障办事指南（{Y}年修订）" },
	{ 'G', '-', "低保对象渐退期申请服务指南" },
	{ 0, 0, NULL } };
static const struct tpl t_dibao_review[] = {
	{ 'N', 'M', "{R}{Y}年{M}月城乡低保初审对象公示" },
	{ 0, 0, NULL } };
static const struct tpl t_dibao_approve[] = {
	{ 'N', 'Q', "{R}{Y}年第{Q}季度城乡低保对象名单公示" },
	{ 'N', 'Q', "{T}{Y}年第{Q}季度低保对象名单公示" },
	{ 'N', 'M', "{Y}年{M}月城乡低保资金发放情况" },
	{ 0, 0, NULL } };
static const struct tpl t_tekun_policy[] = {
	{ 'D', '-', "关于进一步健全{R}特困人员救助供养制度的实施意见" },
	{ 'D', 'Y', "关于调整{Y}年特困人员基本生活标准的通知" },
	{ 'D', '-', "{R}特困人员认定办法实施细则" },
	{ 'D', '-', "关于加强特困人员照料护理工作的通知" },
	{ 'D', '-', "{R}特困供养服务机构管理办法" },
	{ 0, 0, NULL } };
static const struct tpl t_tekun_guide[] = {
	{ 'G', '-', "特困人员救助供养申请办事指南" },
	{ 'G', '-', "特困人员集中供养入住办事指南" },
	{ 0, 0, NULL } };
static const struct tpl t_tekun_review[] = {
	{ 'N', 'M', "{Y}年{M}月特困人员救助供养资金发放情况" },
	{ 'N', 'Q', "{R}{Y}年第{Q}季度特困人员初审及终止供养名单公示" },
	{ 'N', 'Q', "{T}{Y}年第{Q}季度特困人员救助供养名单公示" },
	{ 0, 0, NULL } };
static const struct tpl t_linshi[] = {
	{ 'N', 'M', "{R}{Y}年{M}月临时救助对象公示" },
	{ 'D', '-', "关于进一步加强和改进临时救助工作的通知" },
	{ 0, 0, NULL } };
static const struct tpl t_yw_finance[] = {
	{ 'R', 'Y', "{U}{Y}年部门预算公开" },
	{ 'R', 'Y', "{U}{Y-}年部门决算公开" },
	{ 'N', 'Y', "{R}{Y}年义务教育学校收费项目及标准公示" },
	{ 'N', 'Y', "{S}{Y}年收费项目及标准公示" },
	{ 'R', 'Y', "{S}{Y}年经费预算" },
	{ 0, 0, NULL } };
static const struct tpl t_yw_school[] = {
	{ 'S', '-', "{S}简介" },
	{ 0, 0, NULL } };
static const struct tpl t_yw_policy[] = {
	{ 'D', 'Y', "{R}{Y}年义务教育阶段学校招生入学工作方案" },
	{ 'D', 'Y', "关于做好{Y}年进城务工人员随迁子女接受义务教育工作的通知" },
	{ 0, 0, NULL } };
static const struct tpl t_yw_plan[] = {
	{ 'N', 'Y', "{R}{Y}年公办义务教育学校招生计划" },
	{ 'N', 'Y', "{R}{Y}年民办义务教育学校招生计划" },
	{ 'N', 'Y', "{S}{Y}年招生计划" },
	{ 0, 0, NULL } };
static const struct tpl t_yw_range[] = {
	{ 'N', 'Y', "{R}{Y}年公办小学招生划片范围" },
	{ 'N', 'Y', "{R}{Y}年公办初中招生划片范围" },
	{ 'N', 'Y', "{S}{Y}年招生划片范围" },
	{ 0, 0, NULL } };
static const struct tpl t_yw_aid[] = {
	{ 'D', '-', "{R}义务教育阶段家庭经济困难学生资助政策简介" },
	{ 'N', 'Y', "{R}{Y}年春季学期义务教育“两免一补”资金分配情况" },
	{ 'N', 'Y', "{R}{Y}年秋季学期义务教育“两免一补”资金分配情况" },
	{ 0, 0, NULL } };
static const struct tpl t_yw_rules[] = {
	{ 'D', '-', "关于印发《{R}中小学校外培训机构管理办法》的通知" },
	{ 'D', '-', "关于进一步减轻义务教育阶段学生作业负担和校外培训负担的实施意见" },
	{ 'D', '-', "关于加强中小学生手机管理工作的通知" },
	{ 'D', '-', "{R}中小学校学生欺凌综合治理工作方案" },
	{ 'D', 'Y', "{R}{Y}年中小学校园安全工作要点" },
	{ 'D', '-', "关于进一步加强中小学课后服务工作的通知" },
	{ 'D', '-', "{R}义务教育学校教师“县管校聘”管理改革实施方案" },
	{ 'D', 'Y', "{R}{Y}年教育工作要点" },
	{ 0, 0, NULL } };
static const struct tpl t_yw_overview[] = {
	{ 'R', 'Y', "{R}{Y-}年教育事业发展统计公报" },
	{ 'R', 'Y', "{R}{Y-}年教育工作总结和{Y}年工作要点" },
	{ 0, 0, NULL } };
static const struct tpl t_yw_stats[] = {
	{ 'R', 'Y', "{R}{Y-}年教育统计数据" },
	{ 'R', 'Y', "{R}{Y-}年义务教育学校办学条件统计" },
	{ 0, 0, NULL } };
static const struct tpl t_cz_budget[] = {
	{ 'R', 'Y', "{R}{Y}年一般公共预算和政府性基金预算" },
	{ 'R', 'Y', "关于{R}{Y-}年预算执行情况与{Y}年预算草案的报告" },
	{ 'R', 'Y', "{R}{Y}年“三公”经费预算公开" },
	{ 'R', 'Y', "{D}{Y}年部门预算公开" },
	{ 'R', 'Y', "{D}{Y}年部门预算公开" },
	{ 'R', 'M', "{R}{Y}年{M}月财政预算执行情况" },
	{ 0, 0, NULL } };
static const struct tpl t_cz_final[] = {
	{ 'R', 'Y', "{R}{Y-}年财政决算公开" },
	{ 'R', 'Y', "关于{R}{Y-}年财政决算的报告" },
	{ 'R', 'Y', "{D}{Y-}年部门决算公开" },
	{ 'R', 'Y', "{D}{Y-}年部门决算公开" },
	{ 0, 0, NULL } };
static const struct tpl t_zd_guide[] = {
	{ 'G', '-', "政府投资项目审批办事指南" },
	{ 'G', '-', "企业投资项目核准办事指南" },
	{ 'G', '-', "企业投资项目备案办事指南" },
	{ 0, 0, NULL } };
static const struct tpl t_zd_process[] = {
	{ 'N', 'M', "{Y}年{M}月重大建设项目审批办理情况" },
	{ 0, 0, NULL } };
static const struct tpl t_zd_supervise[] = {
	{ 'N', '-', "重大建设项目审批咨询及监督投诉电话公告" },
	{ 'N', 'Y', "{Y}年重大建设项目批准和实施领域政务公开监督渠道" },
	{ 'N', 'Q', "{Y}年第{Q}季度重大建设项目投诉举报处理情况" },
	{ 0, 0, NULL } };
static const struct tpl t_zd_proposal[] = {
	{ 'P', '-', "关于{P}项目建议书的批复" },
	{ 0, 0, NULL } };
static const struct tpl t_zd_study[] = {
	{ 'P', '-', "关于{P}可行性研究报告的批复" },
	{ 0, 0, NULL } };
static const struct tpl t_zd_design[] = {
	{ 'P', '-', "关于{P}初步设计的批复" },
	{ 0, 0, NULL } };
static const struct tpl t_zd_land[] = {
	{ 'N', 'B', "{R}{Y}年第{B}批次城镇建设用地征收土地公告" },
	{ 'N', 'B', "{R}{Y}年第{B}批次征地补偿安置方案公告" },
	{ 0, 0, NULL } };
static const struct tpl t_gg_approve[] = {
	{ 'P', '-', "关于{P}招标事项的核准意见" },
	{ 0, 0, NULL } };
static const struct tpl t_gg_prequal[] = {
	{ 'T', '-', "{P}施工总承包资格预审公告" },
	{ 0, 0, NULL } };
static const struct tpl t_gg_tender[] = {
	{ 'T', '-', "{G}公开招标公告" },
	{ 0, 0, NULL } };
static const struct tpl t_yl_record[] = {
	{ 'G', '-', "养老机构备案办事指南" },
	{ 'N', 'Y', "{R}{Y}年已备案养老机构名单公示" },
	{ 'N', 'Q', "{R}{Y}年第{Q}季度养老机构备案情况" },
	{ 0, 0, NULL } };
static const struct tpl t_yl_subsidy[] = {
	{ 'N', 'Y', "{R}{Y}年养老机构建设运营补贴发放情况公示" },
	{ 'D', '-', "关于印发《{R}养老服务扶持补贴资金管理办法》的通知" },
	{ 0, 0, NULL } };
static const struct tpl t_yl_elderly[] = {
	{ 'N', 'M', "{R}{Y}年{M}月高龄津贴发放情况" },
	{ 'N', 'M', "{T}{Y}年{M}月高龄津贴发放名单" },
	{ 'N', 'Q', "{R}{Y}年第{Q}季度经济困难老年人养老服务补贴名单公示" },
	{ 0, 0, NULL } };
static const struct tpl t_sn_land[] = {
	{ 'N', 'Y', "{R}{Y}年耕地地力保护补贴发放情况公示" },
	{ 'N', 'Y', "{T}{Y}年耕地地力保护补贴发放情况公示" },
	{ 'D', 'Y', "{R}{Y}年耕地地力保护补贴工作实施方案" },
	{ 0, 0, NULL } };
static const struct tpl t_sn_farmer[] = {
	{ 'D', 'Y', "{R}{Y}年高素质农民培育项目实施方案" },
	{ 'N', 'Y', "{R}{Y}年高素质农民培育对象名单公示" },
	{ 'N', 'Y', "{T}{Y}年高素质农民培育对象名单公示" },
	{ 0, 0, NULL } };
static const struct tpl t_sn_machine[] = {
	{ 'N', 'B', "{R}{Y}年第{B}批农机购置补贴资金兑付情况公示" },
	{ 'D', 'Y', "{R}{Y}年农机购置补贴实施方案" },
	{ 0, 0, NULL } };
static const struct tpl t_cx_rules[] = {
	{ 'D', '-', "关于印发《{C}城乡规划管理技术规定》的通知" },
	{ 'D', '-', "关于进一步加强城乡规划管理工作的通知" },
	{ 'D', '-', "关于规范建设工程规划条件核实工作的通知" },
	{ 'D', '-', "{C}控制性详细规划管理办法" },
	{ 'D', '-', "关于加强农村村民建房规划管理的通知" },
	{ 0, 0, NULL } };
static const struct tpl t_cx_talk[] = {
	{ 'N', '-', "{P}规划方案征求意见公告" },
	{ 'N', '-', "关于{R}国土空间总体规划编制公众意见征集的公告" },
	{ 'N', 'Q', "{Y}年第{Q}季度城乡规划信访和咨询答复情况" },
	{ 0, 0, NULL } };
static const struct tpl t_cx_service[] = {
	{ 'G', '-', "建设工程规划许可证核发办事指南" },
	{ 'G', '-', "建设用地规划许可证核发办事指南" },
	{ 'G', '-', "乡村建设规划许可证核发办事指南" },
	{ 0, 0, NULL } };
static const struct tpl t_cx_master[] = {
	{ 'N', '-', "{R}国土空间总体规划（2021—2035年）草案公示" },
	{ 'N', '-', "{R}土地利用总体规划调整完善方案公告" },
	{ 0, 0, NULL } };
static const struct tpl t_cx_village[] = {
	{ 'N', '-', "{T}村庄规划（2021—2035年）批前公示" },
	{ 0, 0, NULL } };
static const struct tpl t_cx_detail[] = {
	{ 'N', '-', "{R}{A}片区控制性详细规划修改批前公示" },
	{ 0, 0, NULL } };
static const struct tpl t_generic[] = {
	{ 'D', '-', "关于做好{I}工作的通知" },
	{ 'N', 'Y', "{R}{Y}年{I}情况公示" },
	{ 0, 0, NULL } };

static const struct {
	const char *domain;
	const char *path;	/* part of "一级 / 二级" */
	const struct tpl *t;
} item_tpls[] = {
	{ "shjz", "综合业务 / 政策法规文件", t_shjz_general },
	{ "shjz", "监督检查", t_shjz_supervise },
	{ "shjz", "最低生活保障 / 政策法规文件", t_dibao_policy },
	{ "shjz", "最低生活保障 / 办事指南", t_dibao_guide },
	{ "shjz", "最低生活保障 / 审核信息", t_dibao_review },
	{ "shjz", "最低生活保障 / 审批信息", t_dibao_approve },
	{ "shjz", "特困人员救助供养 / 政策法规文件", t_tekun_policy },
	{ "shjz", "特困人员救助供养 / 办事指南", t_tekun_guide },
	{ "shjz", "特困人员救助供养 / 审核信息", t_tekun_review },
	{ "shjz", "临时救助", t_linshi },
	{ "ywjy", "财务信息", t_yw_finance },
	{ "ywjy", "学校介绍", t_yw_school },
	{ "ywjy", "招生政策", t_yw_policy },
	{ "ywjy", "招生计划", t_yw_plan },
	{ "ywjy", "招生范围", t_yw_range },
	{ "ywjy", "资助政策", t_yw_aid },
	{ "ywjy", "规范性文件", t_yw_rules },
	{ "ywjy", "教育事业发展主要情况", t_yw_overview },
	{ "ywjy", "教育统计数据", t_yw_stats },
	{ "czyjs", "政府预算", t_cz_budget },
	{ "czyjs", "政府决算", t_cz_final },
	{ "zdjsxm", "办事指南", t_zd_guide },
	{ "zdjsxm", "办理过程", t_zd_process },
	{ "zdjsxm", "咨询监督", t_zd_supervise },
	{ "zdjsxm", "建议书审批", t_zd_proposal },
	{ "zdjsxm", "可行性研究报告审批", t_zd_study },
	{ "zdjsxm", "初步设计审批", t_zd_design },
	{ "zdjsxm", "征收土地", t_zd_land },
	{ "ggzyjy", "审批核准", t_gg_approve },
	{ "ggzyjy", "资格预审", t_gg_prequal },
	{ "ggzyjy", "招标公告", t_gg_tender },
	{ "ylfw", "养老机构备案", t_yl_record },
	{ "ylfw", "扶持补贴", t_yl_subsidy },
	{ "ylfw", "老年人补贴", t_yl_elderly },
	{ "snbt", "耕地地力保护", t_sn_land },
	{ "snbt", "职业农民", t_sn_farmer },
	{ "snbt", "农机购置", t_sn_machine },
	{ "cxgh", "法规文件", t_cx_rules },
	{ "cxgh", "政民互动", t_cx_talk },
	{ "cxgh", "办事服务", t_cx_service },
	{ "cxgh", "总体规划", t_cx_master },
	{ "cxgh", "乡规划", t_cx_village },
	{ "cxgh", "详细规划", t_cx_detail },
};

static const struct tpl *templates_for(const char *domain, const char *path)
{
	for (size_t i = 0; i < sizeof(item_tpls) / sizeof(item_tpls[0]); i++)
		if (!strcmp(item_tpls[i].domain, domain) &&
		    strstr(path, item_tpls[i].path))
			return item_tpls[i].t;
	return t_generic;
}

/* --- names of things --- */

static const char *const school_stems[] = {
	"实验", "育才", "新华", "东方红", "和平", "朝阳", "红星", "金桥",
	"长塘", "北辰", "明德", "桃花", "枫林", "湘江", "清水塘", "砂子塘",
	"东风", "建设", "解放", "跃进", "青园", "泉塘", "白沙", "泉水",
	"先锋", "龙湾", "金星", "丁字", "书院", "南湖", "仰天湖", "桂花",
	"梅岭", "月湖", "洪山", "育英", "博才", "大同", "燕山", "文源",
	"莲湖", "银星", "松雅", "北山", "洞井", "德馨", "湘府", "新星",
	"滨江", "西湖", "观沙", "荷花", "安沙", "黄花", "榔梨", "城北",
	"城南", "城东", "城西", "东山", "西山", "双江", "白鹤", "长龙",
	"中南", "向阳", "培粹", "天华", "南雅", "麓谷", "雅境", "枫树山",
};
static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨",
	"黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
	"高", "林", "罗", "谭", "彭", "曾", "邓" };
static const char *const given[] = { "华", "明", "丽", "军", "芳", "英",
	"平", "勇", "秀", "兰", "桂", "建", "国", "红", "文", "志", "春" };
static const char *const areas_generic[] = { "城东", "城北", "滨江",
	"高铁新城", "科教新城", "湘江西岸", "南部片区", "老城区" };
static const char *const goods[] = { "教学设备", "办公家具", "物业管理服务",
	"信息化设备", "公务用车租赁服务", "食堂食材配送服务", "安保服务",
	"课桌椅", "图书" };
static const char *const departments[] = { "民政局", "教育局", "财政局",
	"发展和改革局", "自然资源和规划局", "人力资源和社会保障局",
	"住房和城乡建设局", "农业农村局", "卫生健康局", "文化旅游广电体育局",
	"市场监督管理局", "应急管理局", "司法局", "审计局", "统计局",
	"城市管理和综合执法局", "退役军人事务局", "医疗保障局", "水利局",
	"商务局", "人民政府办公室" };
static const char *const project_forms[] = {
	"{R}{road}提质改造工程", "{R}{road}综合管廊工程",
	"{R}第{n}中学新建工程", "{R}{area}安置小区建设项目",
	"{R}{area}片区棚户区改造项目", "{R}人民医院门诊综合楼建设项目",
	"{R}{area}公园建设工程", "{R}污水处理厂提标改造工程",
	"{R}{area}小学新建工程", "{R}农村公路提质改造工程",
	"{R}{area}老旧小区改造工程", "{R}{road}雨污分流改造工程",
};

/* --- one region's context --- */

struct ctx {
	struct store *s;
	struct errors *err;
	struct arena *a;	/* lives for the whole run */
	const char *code, *name;	/* the region */
	int level;		/* 0 city, 1 district, 2 township */
	size_t dist;		/* index into districts[] */
	const char *county;	/* the district (or city) name, for schools */
	const char *short_name;	/* township name without 街道/镇/乡 */
	const char **places;	/* children: townships or villages */
	size_t nplaces;
	struct unit *units;
	size_t nunits;
	struct unit gov;
	struct hmap serials;	/* "key" → last number used */
	struct buf b;
	size_t records, attachments;
	struct progress *pr;
};

static int next_serial(struct ctx *c, const char *key)
{
	int64_t v = 0;

	hmap_get(&c->serials, key, strlen(key), &v);
	hmap_put(&c->serials, key, strlen(key), ++v);
	return (int)v;
}

static const char *strip_suffix(struct arena *a, const char *name)
{
	static const char *const suffix[] = { "街道", "镇", "乡", "社区", "村" };
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		size_t m = strlen(suffix[i]);
		if (n > m + 3 && !strcmp(name + n - m, suffix[i]))
			return arena_strndup(a, name, n - m);
	}
	return name;
}

static const char *phone(struct ctx *c, struct rng *r)
{
	return arena_printf(c->a, "0731-8%07u", below(r, 10000000));
}

static const char *address(struct ctx *c, struct rng *r)
{
	const char *road = districts[c->dist].roads[below(r, 8)];

	if (c->level == 2)
		return arena_printf(c->a, "%s%s%s%u号", c->county, c->name, road,
				    1 + below(r, 399));
	return arena_printf(c->a, "%s%s%u号", c->level ? c->name : "长沙市",
			    road, 1 + below(r, 599));
}

static const char *area_name(struct ctx *c, struct rng *r)
{
	/* the city's children are districts: not names of areas */
	if (c->level && c->nplaces && chance(r, 600))
		return strip_suffix(c->a, c->places[below(r, (unsigned)c->nplaces)]);
	return PICK(r, areas_generic);
}

static const char *project(struct ctx *c, struct rng *r)
{
	const char *form = PICK(r, project_forms);
	struct buf b = BUF_INIT;
	const char *res;

	for (const char *p = form; *p;) {
		if (!strncmp(p, "{R}", 3)) {
			buf_adds(&b, c->level == 2 ? c->county : c->name);
			p += 3;
		} else if (!strncmp(p, "{road}", 6)) {
			buf_adds(&b, districts[c->dist].roads[below(r, 8)]);
			p += 6;
		} else if (!strncmp(p, "{area}", 6)) {
			buf_adds(&b, area_name(c, r));
			p += 6;
		} else if (!strncmp(p, "{n}", 3)) {
			buf_adds(&b, cn_number(c->a, 2 + (int)below(r, 40)));
			p += 3;
		} else {
			buf_addch(&b, *p++);
		}
	}
	res = arena_strndup(c->a, b.buf, b.len);
	buf_release(&b);
	return res;
}

/* How a school's name starts: 长沙市岳麓区…, 长沙县…, 浏阳市… */
static const char *school_prefix(struct ctx *c)
{
	size_t n = strlen(c->county);

	if (c->level == 0)
		return CITY_NAME;
	if (n > 3 && !strcmp(c->county + n - 3, "区"))
		return arena_printf(c->a, "%s%s", CITY_NAME, c->county);
	return c->county;
}

/* The unit that publishes a domain's records in this region. */
static const struct unit *unit_for(struct ctx *c, const struct domain_text *dt)
{
	if (c->level < 2 && *dt->dept) {
		const char *want = arena_printf(c->a, "%s%s", c->name, dt->dept);
		for (size_t i = 0; i < c->nunits; i++)
			if (!strcmp(c->units[i].name, want))
				return &c->units[i];
	}
	return &c->gov;
}

/* 长民发〔2021〕12号, 岳政办发〔2020〕3号, 岳望街发〔2021〕5号 */
static const char *doc_no(struct ctx *c, const struct domain_text *dt,
			  const struct unit *u, int year)
{
	const char *abbr = districts[c->dist].abbr, *word = dt->doc;
	const char *prefix;

	if (u == &c->gov)
		word = !strcmp(dt->doc, "政办发") ? "政办发" : "政发";
	if (c->level == 2) {
		size_t n = strlen(c->name);
		const char *kind = n > 6 && !strcmp(c->name + n - 6, "街道")
			? "街" : n > 3 && !strcmp(c->name + n - 3, "乡") ? "乡"
			: "镇";
		/* the township's first character */
		prefix = arena_printf(c->a, "%s%.3s%s发", abbr, c->name, kind);
	} else {
		prefix = arena_printf(c->a, "%s%s", abbr, word);
	}
	return arena_printf(c->a, "%s〔%d〕%d号", prefix, year,
			    next_serial(c, arena_printf(c->a, "doc/%s/%d",
							prefix, year)));
}

/* {unit code}/{year}-{serial}, the rule of record_next_index_no(), counted
 * here rather than looked up since the demo starts from nothing. */
static const char *index_no(struct ctx *c, const struct unit *u, int year)
{
	const char *code = u->credit_code && *u->credit_code
		? u->credit_code : arena_printf(c->a, "%09lld", (long long)u->id);

	return arena_printf(c->a, "%s/%d-%05d", code, year,
			    next_serial(c, arena_printf(c->a, "idx/%s/%d", code,
							year)));
}

/* 2021-430104-48-01-123456: the same for the same project and year */
static const char *project_code(struct ctx *c, const char *published_on,
				const char *proj)
{
	return arena_printf(c->a, "%d-%s-48-01-%06u", atoi(published_on),
			    c->code, (unsigned)(hash_str(0, proj) % 1000000));
}

/* --- text --- */

struct vars {
	int year, month, batch;
	const char *project, *goods, *area, *place, *school, *item, *dept;
	const struct unit *unit;
};

static const char *fill(struct ctx *c, const char *t, const struct vars *v)
{
	static const char *const quarter[] = { "一", "二", "三", "四" };
	struct buf b = BUF_INIT;
	const char *res;

	for (const char *p = t; *p;) {
		const char *end = *p == '{' ? strchr(p, '}') : NULL;
		size_t n = end ? (size_t)(end - p + 1) : 0;

		if (!end) {
			buf_addch(&b, *p++);
			continue;
		}
		if (!strncmp(p, "{R}", n))
			buf_adds(&b, c->name);
		else if (!strncmp(p, "{C}", n))
			buf_adds(&b, CITY_NAME);
		else if (!strncmp(p, "{U}", n))
			buf_adds(&b, v->unit->name);
		else if (!strncmp(p, "{Y}", n))
			buf_addf(&b, "%d", v->year);
		else if (!strncmp(p, "{Y-}", n))
			buf_addf(&b, "%d", v->year - 1);
		else if (!strncmp(p, "{Q}", n))
			buf_adds(&b, quarter[(v->month - 1) / 3]);
		else if (!strncmp(p, "{M}", n))
			buf_addf(&b, "%d", v->month);
		else if (!strncmp(p, "{B}", n))
			buf_adds(&b, cn_number(c->a, v->batch));
		else if (!strncmp(p, "{P}", n))
			buf_adds(&b, v->project);
		else if (!strncmp(p, "{G}", n))
			buf_adds(&b, v->goods);
		else if (!strncmp(p, "{A}", n))
			buf_adds(&b, v->area);
		else if (!strncmp(p, "{T}", n))
			buf_adds(&b, v->place);
		else if (!strncmp(p, "{S}", n))
			buf_adds(&b, v->school);
		else if (!strncmp(p, "{D}", n))
			buf_adds(&b, v->dept);
		else if (!strncmp(p, "{I}", n))
			buf_adds(&b, v->item);
		else
			buf_add(&b, p, n);
		p += n;
	}
	/* 关于…建设项目项目建议书 */
	for (char *dup; (dup = strstr(b.buf, "项目项目"));)
		memmove(dup + 6, dup + 12, strlen(dup + 12) + 1), b.len -= 6;
	res = arena_strndup(c->a, b.buf, b.len);
	buf_release(&b);
	return res;
}

static const char *body_document(struct ctx *c, struct rng *r,
				 const struct domain_text *dt,
				 const struct record *rec)
{
	struct buf *b = &c->b;
	static const char *const ord[] = { "一", "二", "三", "四" };
	unsigned first = below(r, 4);

	buf_reset(b);
	buf_addf(b, "%s：\n\n", c->level == 2 ? "各社区（村）、各有关单位"
			       : c->level == 1 ? "各街道办事处、镇人民政府，区直各有关单位"
			       : "各区县（市）人民政府，市直各有关单位");
	buf_addf(b, "为%s，根据%s等规定，结合%s实际，制定本文件。现印发给你们，"
		 "请认真贯彻执行。\n\n", dt->goal, dt->basis,
		 c->level ? "本地" : "我市");
	buf_addf(b, "## %s、总体要求\n\n坚持以人民为中心的发展思想，%s，"
		 "确保各项政策落地见效。\n\n", ord[0], dt->goal);
	buf_addf(b, "## %s、主要任务\n\n", ord[1]);
	for (unsigned k = 0; k < 3; k++)
		buf_addf(b, "%u. %s。\n", k + 1, dt->task[(first + k) % 4]);
	buf_addf(b, "\n## %s、工作要求\n\n各单位要高度重视，明确责任分工，"
		 "加强督促检查，及时通过政府网站、政务新媒体等渠道公开相关信息，"
		 "主动接受社会监督。\n\n", ord[2]);
	buf_addf(b, "本文件自印发之日起施行。\n\n%s  \n%d年%d月%d日\n",
		 rec->publisher, atoi(rec->published_on),
		 atoi(rec->published_on + 5), atoi(rec->published_on + 8));
	return arena_strndup(c->a, b->buf, b->len);
}

static const char *body_notice(struct ctx *c, struct rng *r,
			       const struct domain_text *dt,
			       const struct record *rec, int day)
{
	struct buf *b = &c->b;

	buf_reset(b);
	buf_addf(b, "根据%s的规定，%s，现将%s有关情况予以公布。\n\n", dt->basis,
		 dt->process, rec->title);
	if (c->nplaces && (strstr(rec->title, "发放") || strstr(rec->title, "名单") ||
			   strstr(rec->title, "公示"))) {
		unsigned households = 0;
		buf_adds(b, "## 分布情况\n\n");
		for (size_t i = 0; i < c->nplaces && i < 8; i++) {
			unsigned h = 12 + below(r, 180);
			households += h;
			buf_addf(b, "- %s：%u户%u人，金额%u.%u万元\n", c->places[i], h,
				 h + h / 2 + below(r, 20), h * 6 / 10 + below(r, 9),
				 below(r, 10));
		}
		buf_addf(b, "\n合计%u户。具体名单见附件或到所在街道（镇）、"
			 "社区（村）公示栏查阅。\n\n", households);
	}
	buf_adds(b, "## 公示和监督\n\n");
	buf_addf(b, "- 公示时间：%s至%s\n", date_cn(c->a, day),
		 date_cn(c->a, day + 7 < DAYS ? day + 7 : DAYS - 1));
	buf_addf(b, "- 监督电话：%s\n", phone(c, r));
	buf_addf(b, "- 来信地址：%s\n\n", address(c, r));
	buf_addf(b, "公示期间，如有异议，请以书面形式向%s反映。"
		 "我们将依法依规核实处理，并对反映人信息严格保密。\n", rec->publisher);
	return arena_strndup(c->a, b->buf, b->len);
}

static const char *body_guide(struct ctx *c, struct rng *r,
			      const struct domain_text *dt,
			      const struct record *rec)
{
	struct buf *b = &c->b;

	buf_reset(b);
	buf_addf(b, "## 办理事项\n\n%s\n\n", rec->title);
	buf_addf(b, "## 设定依据\n\n%s\n\n", dt->basis);
	buf_addf(b, "## 办理条件\n\n%s。\n\n", dt->condition);
	buf_addf(b, "## 申请材料\n\n%s。材料须真实有效，复印件须与原件一致。\n\n",
		 dt->material);
	buf_addf(b, "## 办理流程\n\n1. 申请：向%s提出书面申请；\n"
		 "2. 受理：材料齐全的当场受理，不齐全的一次性告知需补正的材料；\n"
		 "3. 审核：%s；\n4. 办结：在承诺时限内作出决定并告知申请人。\n\n",
		 c->level == 2 ? "本街道（镇）政务服务中心" : "政务服务中心综合窗口",
		 dt->process);
	buf_addf(b, "## 办理时间和地点\n\n工作日上午9:00—12:00，下午13:30—17:00；"
		 "%s。\n\n", address(c, r));
	buf_addf(b, "## 咨询电话\n\n%s\n", phone(c, r));
	return arena_strndup(c->a, b->buf, b->len);
}

static const char *body_report(struct ctx *c, struct rng *r,
			       const struct domain_text *dt,
			       const struct record *rec)
{
	struct buf *b = &c->b;
	unsigned total = 20000 + below(r, 400000);

	buf_reset(b);
	buf_addf(b, "%s如下。\n\n", rec->title);
	buf_addf(b, "## 基本情况\n\n%s，%s认真落实%s，各项工作取得积极进展。\n\n",
		 c->level ? "一年来" : "一年来，全市上下", rec->publisher,
		 dt->basis);
	buf_adds(b, "## 主要数据\n\n");
	buf_addf(b, "- 总额：%u.%u万元，比上年增长%u.%u%%\n", total / 10,
		 total % 10, below(r, 12), below(r, 10));
	buf_addf(b, "- 其中基本支出%u.%u万元，项目支出%u.%u万元\n", total / 25,
		 below(r, 10), total / 10 - total / 25, below(r, 10));
	buf_addf(b, "- “三公”经费%u.%u万元，比上年下降%u.%u%%\n",
		 50 + below(r, 300), below(r, 10), 1 + below(r, 15), below(r, 10));
	buf_adds(b, "\n## 有关说明\n\n没有数据的表格已列出空表并作说明。"
		 "如有疑问，请与本单位办公室联系。\n");
	return arena_strndup(c->a, b->buf, b->len);
}

static const char *body_project(struct ctx *c, struct rng *r,
				const struct record *rec, const char *proj)
{
	struct buf *b = &c->b;
	unsigned invest = 800 + below(r, 60000);

	buf_reset(b);
	buf_addf(b, "%s：\n\n你单位报来的关于%s的请示及有关材料收悉。经研究，"
		 "现批复如下：\n\n", c->level ? "区城市建设投资有限公司"
		 : "长沙市城市建设投资开发集团有限公司", proj);
	buf_addf(b, "1. 同意%s。项目代码：%s。\n", proj,
		 project_code(c, rec->published_on, proj));
	buf_addf(b, "2. 建设地点：%s。\n", address(c, r));
	buf_addf(b, "3. 建设规模和内容：总建筑面积约%u平方米，包括主体工程及配套"
		 "道路、给排水、电气、绿化等附属工程。\n", 2000 + below(r, 80000));
	buf_addf(b, "4. 总投资及资金来源：项目估算总投资%u万元，资金由%s财政资金"
		 "和项目单位自筹解决。\n\n", invest, c->level ? "区级" : "市级");
	buf_adds(b, "请据此抓紧开展下一阶段工作，严格执行项目法人责任制、"
		 "招标投标制、工程监理制和合同管理制，确保工程质量和安全。\n");
	return arena_strndup(c->a, b->buf, b->len);
}

/* --- element values --- */

struct obj {			/* an object of a list item */
	const char *name, *address, *phone, *level, *type, *license,
		*scale, *hours, *services, *closure;
};

static const char *element_value(struct ctx *c, struct rng *r,
				 const char *e, const struct record *rec,
				 const struct obj *o, const char *proj,
				 const struct domain_text *dt)
{
	if (o) {
		if (strstr(e, "开放项目"))
			return arena_printf(c->a, "%s；地址：%s", o->services,
					    o->address);
		if (strstr(e, "名称") && o->name)
			return o->name;
		if (strstr(e, "地址") && o->address)
			return o->address;
		if ((strstr(e, "电话") || strstr(e, "联系方式")) && o->phone)
			return o->phone;
		if (strstr(e, "层次") && o->level)
			return o->level;
		if (strstr(e, "类型") && o->type)
			return o->type;
		if (strstr(e, "许可证") && o->license)
			return o->license;
		if (strstr(e, "规模") && o->scale)
			return o->scale;
		if (strstr(e, "开放时间") && o->hours)
			return o->hours;
		if (strstr(e, "停止开放") && o->closure)
			return o->closure;
	}
	if (strstr(e, "文件名称"))
		return rec->title;
	if (!strcmp(e, "文号") || strstr(e, "批复文号"))
		return *rec->doc_no ? rec->doc_no : "无";
	if (strstr(e, "发布部门") || strstr(e, "批复单位") ||
	    strstr(e, "办理部门") || strstr(e, "受理单位"))
		return rec->publisher;
	if (!strcmp(e, "发布日期") || strstr(e, "批复时间"))
		return rec->published_on;
	if (strstr(e, "实施日期"))
		return rec->published_on;
	if (!strcmp(e, "正文"))
		return rec->body_md;
	if (strstr(e, "项目名称") && proj)
		return proj;
	if (strstr(e, "名称"))
		return rec->title;
	if (strstr(e, "代码"))
		return project_code(c, rec->published_on, proj ? proj : rec->title);
	if (strstr(e, "电话") || strstr(e, "联系方式"))
		return phone(c, r);
	if (strstr(e, "地址") || strstr(e, "地点"))
		return address(c, r);
	if (strstr(e, "办理时间") || !strcmp(e, "时间"))
		return "工作日上午9:00—12:00，下午13:30—17:00";
	if (strstr(e, "时限"))
		return "20个工作日";
	if (strstr(e, "部门") || strstr(e, "单位") || strstr(e, "机构"))
		return rec->publisher;
	if (strstr(e, "标准"))
		return dt->standard;
	if (strstr(e, "材料"))
		return dt->material;
	if (strstr(e, "流程") || strstr(e, "程序"))
		return "申请—受理—审核—审批（确认）—公示—办结";
	if (strstr(e, "条件"))
		return dt->condition;
	if (strstr(e, "名单"))
		return arena_printf(c->a, "共%u户%u人，名单见正文和附件",
				    20 + below(r, 300), 40 + below(r, 500));
	if (strstr(e, "结果"))
		return "同意";
	if (strstr(e, "进展"))
		return PICK(r, ((const char *const[]){ "已受理", "审查中", "已办结" }));
	if (strstr(e, "依据"))
		return dt->basis;
	if (strstr(e, "监督") || strstr(e, "举报") || strstr(e, "投诉"))
		return arena_printf(c->a, "监督电话：%s", phone(c, r));
	if (strstr(e, "预算") || strstr(e, "决算") || strstr(e, "经费") ||
	    strstr(e, "金额"))
		return arena_printf(c->a, "%u.%u万元", 100 + below(r, 90000),
				    below(r, 10));
	if (strstr(e, "办法") || strstr(e, "意见") || strstr(e, "政策") ||
	    strstr(e, "文件") || strstr(e, "规章") || strstr(e, "法规"))
		return arena_printf(c->a, "《%s》", rec->title);
	return "详见正文";
}

/* --- attachments --- */

/* A one-page PDF saying which record it belongs to (ASCII only: no font
 * needs embedding). */
static void make_pdf(struct buf *b, const struct record *r)
{
	struct buf content = BUF_INIT;
	size_t off[6];

	buf_reset(b);
	buf_addf(&content, "BT /F1 14 Tf 72 760 Td (gongkai demo attachment) Tj "
		 "0 -24 Td /F1 11 Tf (Index no. %s) Tj 0 -18 Td "
		 "(Published %s) Tj ET\n", r->index_no, r->published_on);
	buf_adds(b, "%PDF-1.4\n");
	off[1] = b->len;
	buf_adds(b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	off[2] = b->len;
	buf_adds(b, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
	off[3] = b->len;
	buf_adds(b, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
		 "/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>\n"
		 "endobj\n");
	off[4] = b->len;
	buf_addf(b, "4 0 obj\n<< /Length %zu >>\nstream\n%sendstream\nendobj\n",
		 content.len, content.buf);
	off[5] = b->len;
	buf_adds(b, "5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\n"
		 "endobj\n");
	off[0] = b->len;
	buf_adds(b, "xref\n0 6\n0000000000 65535 f \n");
	for (int i = 1; i < 6; i++)
		buf_addf(b, "%010zu 00000 n \n", off[i]);
	buf_addf(b, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
		 off[0]);
	buf_release(&content);
}

/* A list of (masked) names as CSV with a byte order mark. */
static void make_csv(struct ctx *c, struct rng *r, struct buf *b)
{
	unsigned n = 8 + below(r, 20);

	buf_reset(b);
	buf_adds(b, "\xEF\xBB\xBF序号,姓名,所在社区（村）,保障人数,月保障金额（元）\r\n");
	for (unsigned i = 1; i <= n; i++) {
		unsigned people = 1 + below(r, 4);
		buf_addf(b, "%u,%s*%s,%s,%u,%u\r\n", i, PICK(r, surnames),
			 PICK(r, given), c->nplaces
			 ? c->places[below(r, (unsigned)c->nplaces)] : c->name,
			 people, people * (400 + below(r, 250)));
	}
}

static int attach(struct ctx *c, struct rng *r, const struct record *rec)
{
	struct attachment att;
	struct buf data = BUF_INIT;
	const char *name;
	int ret;

	if (strstr(rec->title, "名单") || strstr(rec->title, "公示")) {
		make_csv(c, r, &data);
		name = arena_printf(c->a, "%s.csv", rec->title);
	} else {
		make_pdf(&data, rec);
		name = arena_printf(c->a, "%s.pdf", rec->title);
	}
	ret = record_attach(c->s, rec->id, name, data.buf, data.len, &att, c->a,
			    c->err);
	buf_release(&data);
	c->attachments += ret == 0;
	return ret;
}

/* --- records --- */

/* Attributes that vary: 有效性, 公开属性, 状态.  'keep' makes the record
 * one that counts for completeness (有效, 主动公开, published). */
static void vary(struct rng *r, struct record *rec, char kind, bool keep,
		 int year)
{
	static const char *const on_request[] = {
		"涉及特定群体的个人信息，根据《中华人民共和国政府信息公开条例》第二十七条依申请公开",
		"属于行政机关内部管理信息之外的专项信息，依《中华人民共和国政府信息公开条例》第二十七条依申请公开",
	};
	static const char *const withheld[] = {
		"涉及个人隐私，根据《中华人民共和国政府信息公开条例》第十五条不予公开",
		"属于内部事务信息，根据《中华人民共和国政府信息公开条例》第十六条第一款不予公开",
		"属于过程性信息，根据《中华人民共和国政府信息公开条例》第十六条第二款不予公开",
	};

	rec->validity = VALIDITY_VALID;
	rec->disclosure = DISCLOSE_ACTIVE;
	rec->legal_ground = "";
	rec->status = RECORD_PUBLISHED;
	if (keep)
		return;
	if (kind == 'D' || kind == 'G') {
		if (chance(r, 80))
			rec->validity = VALIDITY_EXPIRED;
		else if (chance(r, 45))
			rec->validity = VALIDITY_REPEALED;
	} else if (kind == 'N' && year == 2020 && chance(r, 250)) {
		rec->validity = VALIDITY_EXPIRED;
	}
	if (chance(r, 30)) {
		rec->disclosure = DISCLOSE_ON_REQUEST;
		rec->legal_ground = PICK(r, on_request);
	} else if (chance(r, 15)) {
		rec->disclosure = DISCLOSE_NONE;
		rec->legal_ground = PICK(r, withheld);
	}
	if (chance(r, 25))
		rec->status = RECORD_DRAFT;
	else if (chance(r, 15))
		rec->status = RECORD_WITHDRAWN;
}

/* Fill the element values of 'rec' for item 'it', check and store it. */
static int store_one(struct ctx *c, struct rng *r, const struct catalog *cat,
		     const struct item *it, struct record *rec,
		     const struct obj *o, const char *proj,
		     const struct domain_text *dt, bool may_attach)
{
	struct record_value *vals = arena_alloc(c->a, (it->nelements + 1) *
						sizeof(*vals));

	/* stored as an import would store it: no trailing line end */
	if (rec->body_md) {
		size_t len = strlen(rec->body_md);
		while (len && rec->body_md[len - 1] == '\n')
			len--;
		rec->body_md = arena_strndup(c->a, rec->body_md, len);
	}
	rec->region_code = c->code;
	rec->domain_id = cat->domain_id;
	rec->lineage = it->lineage;
	rec->item_id = it->id;
	rec->topic = dt->topic;
	rec->values = vals;
	rec->nvalues = 0;
	for (size_t k = 0; k < it->nelements; k++) {
		vals[rec->nvalues].element = it->elements[k].text;
		vals[rec->nvalues].value = element_value(c, r,
			it->elements[k].text, rec, o, proj, dt);
		rec->nvalues++;
	}
	if (record_check(rec, it, arena_printf(c->a, "演示数据 %s「%s」:",
					       c->name, rec->title), c->err) ||
	    store_record_insert(c->s, rec, c->err) != STORE_OK)
		return -1;
	c->records++;
	if (c->pr && c->records % 64 == 0)
		progress_update(c->pr, c->records);
	if (may_attach && rec->status == RECORD_PUBLISHED &&
	    rec->disclosure == DISCLOSE_ACTIVE && chance(r, 12) &&
	    attach(c, r, rec))
		return -1;
	return 0;
}

/* The day of the record i of n spread over the two years. */
static int spread_day(struct rng *r, size_t i, size_t n)
{
	unsigned span = (unsigned)(DAYS / n);

	return (int)(i * DAYS / n + below(r, span ? span : 1));
}

/* Document-like records of a covered item. */
static int item_documents(struct ctx *c, const struct catalog *cat,
			  const struct item *it, const char *path,
			  const struct domain_text *dt, struct rng *r,
			  unsigned activity)
{
	const struct tpl *t = templates_for(cat->domain_code, path);
	const struct unit *u = unit_for(c, dt);
	struct hmap titles = HMAP_INIT;
	size_t nt = 0, n;
	int ret = 0;

	while (t[nt].text)
		nt++;
	n = c->level == 0 ? 14 + below(r, 25) : c->level == 1 ? 10 + below(r, 25)
							       : 6 + below(r, 12);
	n = n * activity / 100 + 1;
	for (size_t k = 0; k < nt; k++)
		if (t[k].period == 'M') {
			n *= 2;	/* monthly notices pile up */
			break;
		}
	if (t[0].kind == 'S')
		n = c->nplaces ? 3 + below(r, 6) : 2;
	for (size_t i = 0, tries = 0; i < n && tries < 3 * n && !ret; tries++) {
		const struct tpl *tp = &t[(tries + below(r, 2)) % nt];
		int day = spread_day(r, i, n);
		struct date d = date_of(day);
		struct vars v = { 0 };
		struct record rec;
		int64_t one;
		int written = day - (int)below(r, 8);

		memset(&rec, 0, sizeof(rec));
		v.year = d.y;
		v.month = d.m;
		v.batch = 1 + (int)(d.m - 1) / 3;
		v.unit = u;
		v.project = project(c, r);
		v.goods = arena_printf(c->a, "%s%s采购项目", u->name, PICK(r, goods));
		v.area = area_name(c, r);
		v.place = c->nplaces ? c->places[below(r, (unsigned)c->nplaces)]
				     : c->name;
		v.school = arena_printf(c->a, "%s%s%s", school_prefix(c),
					PICK(r, school_stems),
					PICK(r, ((const char *const[]){ "小学", "中学" })));
		v.item = it->name;
		v.dept = arena_printf(c->a, "%s%s", c->level == 2 ? c->county : c->name,
				      PICK(r, departments));
		rec.title = fill(c, tp->text, &v);
		if (hmap_get(&titles, rec.title, strlen(rec.title), &one))
			continue;
		hmap_put(&titles, rec.title, strlen(rec.title), 1);
		i++;
		rec.unit_id = u->id;
		rec.publisher = u->name;
		rec.published_on = date_text(c->a, day);
		rec.written_on = date_text(c->a, written < 0 ? 0 : written);
		rec.index_no = index_no(c, u, d.y);
		rec.doc_no = tp->kind == 'D' || tp->kind == 'P'
			? doc_no(c, dt, u, d.y) : "";
		/* the item's first record is current, active and published,
		 * so that the item counts as covered */
		vary(r, &rec, tp->kind, i == 1, d.y);
		switch (tp->kind) {
		case 'D': rec.body_md = body_document(c, r, dt, &rec); break;
		case 'G': rec.body_md = body_guide(c, r, dt, &rec); break;
		case 'R': rec.body_md = body_report(c, r, dt, &rec); break;
		case 'S':
			rec.body_md = arena_printf(c->a, "## 学校概况\n\n%s创办于%u年，"
				"是一所公办学校，现有%u个教学班、学生%u人、教职工%u人。\n\n"
				"## 办学条件\n\n学校占地面积%u平方米，建有标准化运动场、"
				"图书室、计算机教室和各类功能室。\n\n联系电话：%s\n",
				v.school, 1950 + below(r, 60), 12 + below(r, 40),
				500 + below(r, 2000), 40 + below(r, 120),
				8000 + below(r, 40000), phone(c, r));
			break;
		case 'P': case 'T':
			rec.body_md = body_project(c, r, &rec, v.project);
			break;
		default: rec.body_md = body_notice(c, r, dt, &rec, day); break;
		}
		ret = store_one(c, r, cat, it, &rec, NULL, v.project, dt,
				c->level < 2);
	}
	hmap_release(&titles);
	return ret;
}

/* One school, public or private. */
static struct obj school(struct ctx *c, struct rng *r, struct hmap *used,
			 bool private_only)
{
	struct obj o = { 0 };
	const char *prefix = school_prefix(c);
	unsigned roll = below(r, 100);
	bool priv = private_only || chance(r, 110);

	for (int tries = 0; tries < 50; tries++) {
		const char *stem = c->nplaces && chance(r, 200)
			? strip_suffix(c->a, c->places[below(r, (unsigned)c->nplaces)])
			: PICK(r, school_stems);
		const char *suffix;
		int64_t one;

		if (priv) {
			suffix = PICK(r, ((const char *const[]){ "外国语学校",
				"双语实验学校", "实验学校", "博雅学校" }));
			o.level = roll < 30 ? "初中" : "九年一贯制";
		} else if (roll < 55) {
			suffix = chance(r, 300) ? "实验小学" : "小学";
			o.level = "小学";
		} else if (roll < 85) {
			suffix = PICK(r, ((const char *const[]){ "中学",
				"初级中学", "实验中学" }));
			o.level = "初中";
		} else {
			suffix = "学校";
			o.level = "九年一贯制";
		}
		o.name = arena_printf(c->a, "%s%s%s", prefix, stem, suffix);
		if (!hmap_get(used, o.name, strlen(o.name), &one))
			break;
		o.name = arena_printf(c->a, "%s%s第%s%s", prefix, stem,
				      cn_number(c->a, 2 + (int)below(r, 8)), suffix);
		if (!hmap_get(used, o.name, strlen(o.name), &one))
			break;
	}
	hmap_put(used, o.name, strlen(o.name), 1);
	o.type = priv ? "民办" : "公办";
	o.address = address(c, r);
	o.phone = phone(c, r);
	o.license = arena_printf(c->a, "教民1%s7%07u号", c->code, below(r, 10000000));
	o.scale = arena_printf(c->a, "%u个教学班，在校学生%u人", 12 + below(r, 48),
			       500 + below(r, 2800));
	return o;
}

static struct obj venue(struct ctx *c, struct rng *r, size_t i)
{
	static const char *const kinds[] = { "图书馆", "文化馆", "博物馆",
		"非物质文化遗产展示馆", "美术馆" };
	struct obj o = { 0 };

	if (c->level == 2 || !c->nplaces || i >= sizeof(kinds) / sizeof(kinds[0]))
		o.name = arena_printf(c->a, "%s综合文化站",
				      c->level == 2 || !c->nplaces ? c->name
				      : c->places[i % c->nplaces]);
	else
		o.name = arena_printf(c->a, "%s%s", c->name, kinds[i]);
	o.address = address(c, r);
	o.phone = phone(c, r);
	o.hours = i % 2 ? "周二至周日9:00—17:00（周一闭馆，法定节假日照常开放）"
			: "每天9:00—21:00";
	o.services = strstr(o.name, "图书馆") ? "图书借阅、电子阅览、少儿阅读、讲座展览"
		: strstr(o.name, "文化站") ? "图书阅览、文艺培训、群众文化活动"
		: "展览、讲座、培训、群众文化活动";
	o.closure = chance(r, 150) ? "因设施维修改造，暂停开放一个月，具体以公告为准"
				   : "无";
	return o;
}

/* Records of a list item: one per object. */
static int item_objects(struct ctx *c, const struct catalog *cat,
			const struct item *it, const struct domain_text *dt,
			struct rng *r, unsigned activity)
{
	const struct unit *u = unit_for(c, dt);
	struct hmap used = HMAP_INIT;
	bool schools = strstr(it->name, "学校") != NULL;
	bool privates = strstr(it->name, "民办") != NULL;
	bool venues = !strcmp(cat->domain_code, "ggwhfw");
	bool documents = !schools && !venues;
	size_t n;
	int ret = 0;

	if (schools && !privates)
		n = c->level == 0 ? 8 + below(r, 5) : c->level == 1
			? 20 + below(r, 41) : 3 + below(r, 6);
	else if (privates)
		n = c->level == 2 ? 1 + below(r, 2) : 3 + below(r, 8);
	else if (venues)
		n = c->level == 2 ? 1 : 4 + (c->nplaces < 4 ? c->nplaces : 4);
	else
		n = (c->level == 2 ? 2 + below(r, 3) : 4 + below(r, 7)) *
		    activity / 100 + 1;
	for (size_t i = 0; i < n && !ret; i++) {
		struct record rec;
		struct obj o;
		int day = schools || venues ? 30 + (int)below(r, 400)
					    : spread_day(r, i, n);
		struct date d = date_of(day);

		memset(&rec, 0, sizeof(rec));
		if (documents) {
			static const char *const names[] = {
				"{C}公共租赁住房管理办法",
				"关于进一步规范公共租赁住房分配管理的通知",
				"{C}保障性住房管理办法",
				"关于做好{Y}年城镇住房保障家庭租赁补贴发放工作的通知",
				"{R}公共租赁住房配租方案",
				"关于加快发展保障性租赁住房的实施意见",
				"{R}住房保障对象动态管理办法",
				"关于印发《{R}公共租赁住房租金收缴管理办法》的通知",
				"关于印发《{R}公共租赁住房申请审核办法》的通知",
				"{R}城镇住房保障家庭租赁补贴实施细则",
				"关于调整{Y}年公共租赁住房租金标准的通知",
				"{R}保障性租赁住房项目认定办法",
				"关于进一步做好新就业无房职工住房保障工作的通知",
				"{R}公共租赁住房退出管理办法",
				"关于开展{Y}年公共租赁住房资格年审工作的通知",
			};
			struct vars v = { .year = d.y, .month = d.m, .batch = 1,
					  .unit = u };
			memset(&o, 0, sizeof(o));
			rec.title = fill(c, names[(i + below(r, 3)) %
						  (sizeof(names) / sizeof(names[0]))], &v);
			if (hmap_get(&used, rec.title, strlen(rec.title),
				     &(int64_t){ 0 }))
				continue;
			hmap_put(&used, rec.title, strlen(rec.title), 1);
			rec.doc_no = doc_no(c, dt, u, d.y);
		} else {
			o = schools ? school(c, r, &used, privates)
				    : venue(c, r, i);
			rec.title = o.name;
			rec.doc_no = "";
		}
		rec.unit_id = u->id;
		rec.publisher = u->name;
		rec.published_on = date_text(c->a, day);
		rec.written_on = rec.published_on;
		rec.index_no = index_no(c, u, d.y);
		vary(r, &rec, documents ? 'D' : 'O', i == 0, d.y);
		if (schools || venues) {
			/* objects are not expired, withdrawn or withheld */
			rec.validity = VALIDITY_VALID;
			rec.disclosure = DISCLOSE_ACTIVE;
			rec.legal_ground = "";
			if (rec.status == RECORD_WITHDRAWN)
				rec.status = RECORD_PUBLISHED;
			buf_reset(&c->b);
			buf_addf(&c->b, "## 基本情况\n\n%s是%s%s%s，位于%s。\n\n",
				 o.name, c->level == 2 ? c->county : c->name,
				 o.type ? o.type : "公益性",
				 o.level ? (strcmp(o.level, "九年一贯制")
					    ? o.level : "九年一贯制学校")
					 : "公共文化设施", o.address);
			if (schools)
				buf_addf(&c->b, "学校现有%s，教职工%u人。"
					 "学校坚持立德树人，全面实施素质教育。\n\n",
					 o.scale, 40 + below(r, 160));
			else
				buf_addf(&c->b, "开放时间：%s。\n\n服务项目：%s。\n\n",
					 o.hours, o.services);
			buf_addf(&c->b, "联系电话：%s\n", o.phone);
			rec.body_md = arena_strndup(c->a, c->b.buf, c->b.len);
		} else {
			rec.body_md = body_document(c, r, dt, &rec);
		}
		ret = store_one(c, r, cat, it, &rec, documents ? NULL : &o, NULL,
				dt, false);
	}
	hmap_release(&used);
	return ret;
}

struct leaf {
	const struct catalog *cat;
	size_t i;
	uint64_t score;
};

static int cmp_leaf(const void *a, const void *b)
{
	const struct leaf *x = a, *y = b;

	return x->score < y->score ? -1 : x->score > y->score;
}

/* Records under 'permille' of the leaves of the region's newest published
 * catalog of each domain (chosen by a hash of region and item, so that the
 * share holds for the region as a whole). */
static int region_records(struct ctx *c, unsigned permille, unsigned activity)
{
	struct catalog_filter f = { c->code, 0, CATALOG_PUBLISHED, 0 };
	struct catalog *cats, *full;
	struct hmap done = HMAP_INIT;
	struct leaf *leaves = NULL;
	struct arena tmp = ARENA_INIT;
	size_t n, nfull = 0, nl = 0, cap = 0, k;
	int ret = 0;

	if (store_catalog_list(c->s, &f, c->a, &cats, &n) != STORE_OK)
		return -1;
	full = arena_alloc(c->a, (n + 1) * sizeof(*full));
	for (size_t i = 0; i < n; i++) {
		struct catalog latest;
		char key[24];
		int64_t one;

		snprintf(key, sizeof(key), "%lld", (long long)cats[i].domain_id);
		if (hmap_get(&done, key, strlen(key), &one))
			continue;
		hmap_put(&done, key, strlen(key), 1);
		if (store_catalog_latest_published(c->s, c->code, cats[i].domain_id,
						   c->a, &latest) != STORE_OK ||
		    store_catalog_load(c->s, latest.id, c->a, &full[nfull]) != STORE_OK)
			continue;
		nfull++;
	}
	for (size_t ci = 0; ci < nfull; ci++) {
		const struct catalog *cat = &full[ci];
		for (size_t i = 0; i < cat->nitems; i++) {
			const struct item *it = &cat->items[i];
			if (it->level == 1 || catalog_item_has_children(cat, i))
				continue;
			leaves = xgrow(leaves, sizeof(*leaves), nl + 1, &cap);
			leaves[nl].cat = cat;
			leaves[nl].i = i;
			/* a district's school list is always there: the showcase */
			leaves[nl].score = c->level == 1 &&
				strstr(it->name, "学校名录") ? 0
				: 1 + (hash_str(hash_str(hash_str(0, c->code),
							 cat->domain_code),
						it->name) >> 1);
			nl++;
		}
	}
	qsort(leaves, nl, sizeof(*leaves), cmp_leaf);
	k = (nl * permille + 500) / 1000;
	for (size_t j = 0; j < k && !ret; j++) {
		const struct catalog *cat = leaves[j].cat;
		const struct item *it = &cat->items[leaves[j].i];
		const char *path = catalog_item_path(cat, leaves[j].i, &tmp);
		const struct domain_text *dt = domain_text(cat->domain_code);
		struct rng r = rng_for(c->code, path);

		if (item_lists_objects(it))
			ret = item_objects(c, cat, it, dt, &r, activity);
		else
			ret = item_documents(c, cat, it, path, dt, &r, activity);
	}
	free(leaves);
	arena_release(&tmp);
	hmap_release(&done);
	return ret;
}

static int setup_region(struct ctx *c, const struct region *reg, int level,
			size_t dist, const char *county)
{
	struct region *kids;
	size_t nkids;
	struct unit *units;
	size_t nunits;

	c->code = reg->code;
	c->name = reg->name;
	c->level = level;
	c->dist = dist;
	c->county = county;
	if (store_region_children(c->s, reg->code, c->a, &kids, &nkids) != STORE_OK)
		nkids = 0;
	c->places = arena_alloc(c->a, (nkids + 1) * sizeof(*c->places));
	c->nplaces = 0;
	for (size_t i = 0; i < nkids; i++)
		c->places[c->nplaces++] = kids[i].name;
	if (store_unit_list(c->s, reg->code, c->a, &units, &nunits) != STORE_OK)
		nunits = 0;
	c->units = units;
	c->nunits = nunits;
	if (record_default_unit(c->s, reg->code, c->a, &c->gov) != STORE_OK)
		return 1;	/* no unit: nobody to publish */
	return 0;
}

int demo_records(struct store *s, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct ctx c;
	struct progress pr;
	struct region *kids;
	size_t nkids;
	int ret = -1;

	memset(&c, 0, sizeof(c));
	c.s = s;
	c.err = err;
	c.a = &a;
	c.b = (struct buf)BUF_INIT;
	c.pr = &pr;
	progress_start(&pr, "生成公开信息", 0);
	if (store_begin(s, err) != STORE_OK)
		goto out;
	for (size_t di = 0; di < NDISTRICTS; di++) {
		struct region reg;

		if (store_region_get(s, districts[di].code, &a, &reg) != STORE_OK)
			continue;
		if (!setup_region(&c, &reg, di ? 1 : 0, di, reg.name) &&
		    region_records(&c, coverage_permille[di],
				   di ? 90 + (unsigned)(hash_str(0, reg.code) % 90)
				      : 160))
			goto fail;
		if (!di)
			continue;
		/* about three townships in four have records */
		if (store_region_children(s, reg.code, &a, &kids, &nkids) != STORE_OK)
			continue;
		for (size_t ti = 0; ti < nkids; ti++) {
			uint64_t h = hash_str(0, kids[ti].code);
			if (h % 4 == 0)
				continue;
			if (!setup_region(&c, &kids[ti], 2, di, reg.name) &&
			    region_records(&c, 300 + (unsigned)(h % 600),
					   80 + (unsigned)(h % 80)))
				goto fail;
		}
	}
	if (store_commit(s, err) != STORE_OK)
		goto out;
	ret = 0;
	goto out;
fail:
	store_rollback(s);
out:
	progress_finish(&pr);
	hmap_release(&c.serials);
	buf_release(&c.b);
	arena_release(&a);
	return ret;
}
