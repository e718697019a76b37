/* demo-supervision.c: the demo's supervision tasks and ledgers (see demo.h)
 *
 * The tasks are the numbered items of two real notices, with their text,
 * 责任单位 and 完成时限 as the seeds give them: 岳政务公开办发〔2021〕1号
 * (seed 000, 岳麓区, issued 2021-05-10; it has no item （六）) and
 * 芙政办发〔2021〕15号 (seed 002, 芙蓉区, issued 2021-08-09; its items name
 * no 完成时限 except （十二）'s "2021年底前").  Their 责任单位 are mapped
 * onto the demo's units by the words the notices use: 各街道（镇）/
 * 各街道（局） are the district's streets and towns, 区直相关部门 /
 * 区直相关单位 / 各相关单位 its departments, "区发展改革局" its
 * 发展和改革局 and so on; the offices the demo did not have (区行政审批
 * 服务局, 区数据资源中心, 隆平高科技园管委会, …) are added as units of the
 * district first.  Units named before 牵头 lead the task.  (Seed 002's
 * text reads "会议精神 and 《政府工作报告》" — an extraction slip for 和,
 * written 和 here; spaces the extraction put around digits are dropped.)
 *
 * Then some units report (on time, late, sent back), with a text file and
 * a photo as evidence; 望月湖街道办事处 keeps a bulletin-board ledger
 * (2021 and 2026, most entries with a photo, one a printed record) and
 * its 政务公开专区 was inspected once.  Everything goes through the domain
 * functions (with their audit entries), acting as the command line; all
 * dates are fixed.
 */
#include <stdio.h>
#include <string.h>

#include "demo.h"
#include "../domain/account.h"
#include "../domain/ledger.h"
#include "../domain/supervision.h"

struct seed_task {
	const char *item;	/* 第（一）项 */
	const char *title;
	const char *body;
	const char *units;	/* 责任单位 as written */
	const char *due;	/* 完成时限 as written, "" for none */
};

/* 岳政务公开办发〔2021〕1号 (seed 000) */
static const struct seed_task yuelu[] = {
	{ "第（一）项", "",
	  "各部门（单位）依据法律法规和机构职能职责调整情况，对"
	  "照国务院下发的基层政务公开目录指引，做好2020年公"
	  "开事项目录调整完善和查漏补缺，更新发布2021版基层"
	  "政务公开事项目录。对照2021版基层政务公开事项目录"
	  "，做好公开内容的补充、修改和完善工作，确保公开专栏各"
	  "领域公开信息与基层政务公开事项目录一致。",
	  "各街道（镇）、区直相关部门", "2021年5月底前" },
	{ "第（二）项", "",
	  "按照市级下发的社区（村）级基层政务公开事项参考目录，"
	  "各街道（镇）指导下辖社区（村）结合实际梳理、发布社区"
	  "（村）级基层政务公开事项目录，推动基层政务公开工作向"
	  "社区（村）延伸。重点公开乡村振兴、村级财务、惠农政策"
	  "、养老服务、社会救助等群众重点关心关注领域的信息，使"
	  "基层政务公开与村（居）务公开有效衔接。",
	  "各街道（镇）", "2021年6月底前" },
	{ "第（三）项", "",
	  "充分发挥政府门户网站基层政务公开专栏的作用，及时、主"
	  "动、集中发布各领域目录要求主动公开的信息，做好公开内"
	  "容保障工作，确保信息发布有效、动态更新及时。做好基层"
	  "政务公开专栏建设及有关功能的优化、升级，依托市政府网"
	  "站集约化平台实现“我要看”与“我要办”的功能，实现政"
	  "府门户网站和政务服务一体化平台的数据对接，确保公开和"
	  "服务数据共享、内容同源、标准一致。组织开展公开内容填"
	  "报准确性自查，根据检查结果督促各领域内容保障责任单位"
	  "立查立改，确保政务服务事项网办属性、公开链接等填写正"
	  "确。",
	  "各街道（镇）、区直相关部门", "2021年6月底前" },
	{ "第（四）项", "",
	  "按照2020年下发的《基层政务公开专区建设标准与管理"
	  "要求》，在各级政务服务大厅（中心），设立标识清楚、方"
	  "便实用、设施齐全的政务公开专区，明确专人负责专区的日"
	  "常管理和维护，实现政务公开专区“五统一”（统一标识标"
	  "牌、统一公开内容、统一载体配置、统一服务功能、统一管"
	  "理机制），免费为群众提供政府信息查询、办事咨询答复等"
	  "服务。按照公开事项目录要求，保持公开信息线上线下内容"
	  "一致，促进线上线下信息公开优势互补、融合发展。结合实"
	  "际，利用多种公开渠道，提升政府信息影响力，将政务公开"
	  "的触角延伸到基层末端，综合利用社区（村）公开栏、微信"
	  "群、广播、电视、报纸、大喇叭等媒介和渠道发布政务信息"
	  "。",
	  "各街道（镇）、区行政审批服务局", "2021年6月底前" },
	{ "第（五）项", "",
	  "健全组织领导。区政府公开政务服务工作领导小组办公室("
	  "以下简称区政务公开办)牵头统筹推进政务公开各项工作,"
	  "各部门(单位)要成立政务公开工作领导小组,明确责任领"
	  "导、责任人。街道(镇)除做好本级基层政务公开工作外,"
	  "还要负责统筹所辖社区(村)政务公开工作。各部门(单位"
	  ")要强化经费保障,把基层政务公开工作纳入重要议事内容"
	  ",与其他工作同部署、同安排、同推进、同落实,形成工作"
	  "合力。根据本通知制定工作落实计划,明确任务、细化措施"
	  "、压实责任。",
	  "各街道（镇）、区直相关部门", "2021年6月底前" },
	{ "第（七）项", "",
	  "加强规范管理。规范信息发布、解读回应、依申请公开等流"
	  "程,健全政府信息公开属性标识源头认定、基层行政决策公"
	  "众参与机制和定期考核、责任追究、社会评议、第三方评估"
	  "等制度,不断提升政务公开管理水平。",
	  "各街道（镇）、区行政审批服务局", "2021年10月底前" },
	{ "第（八）项", "",
	  "强化监督考核。各部门(单位)要经常性地开展自查,确保"
	  "政务服务事项网上公开要素、公开链接等填写正确。区政务"
	  "公开办将根据《岳麓区基层政务公开标准化规范化工作考核"
	  "指标》(详见附件)不定期对各部门(单位)公开目录更新"
	  "发布、专栏内容保障、专区规范化建设等工作进行检查,并"
	  "视情进行通报,平时检查结果将作为政务公开绩效考核的重"
	  "要依据。对在市级以上组织的各类检查、评估中出现问题的"
	  "部门(单位),将对应年度政务公开工作绩效考核中予以扣"
	  "分。",
	  "各街道（镇）、区直相关部门", "2021年11月底前" },
};
/* 芙政办发〔2021〕15号 (seed 002) */
static const struct seed_task furong[] = {
	{ "第（一）项", "做好“三高四新”战略实施信息公开",
	  "突出公开打造国家重要先进制造业高地、打造具有核心竞争"
	  "力的科技创新高地、打造内陆地区改革开放高地相关政策举"
	  "措，重点公开贯彻落实“三高四新”战略方面信息，以公开"
	  "促进落实“三高四新”战略。",
	  "隆平高科技园、各街道（局）、区直相关单位按职责分"
	  "工负责", "" },
	{ "第（二）项", "做好各类规划主动公开",
	  "在区政府门户网站开设“十四五”规划公开专栏，归集整理"
	  "、主动公开本地区“十四五”规划和专项规划、空间规划、"
	  "区域规划等，并归集整理、主动公开历史规划（计划），方"
	  "便企业群众查询应用，引导全社会关心支持规划实施工作。",
	  "区发展改革局、区自然资源规划分局牵头，区数据资源"
	  "中心，各街道（局）、区直相关单位按职责分工负责", "" },
	{ "第（三）项", "做好高标准市场规则标准和监管执法信息公开",
	  "全面落实“全国一张清单”管理模式，主动公开经国务院统"
	  "一修订的市场准入负面清单，以公开助推高标准市场体系建"
	  "设。加大市场规则标准和监管执法信息公开力度，加强反垄"
	  "断与反不正当竞争执法信息公开工作，深化企业信用信息公"
	  "示，落实“双随机、一公开”和行政执法公示制度，营造诚"
	  "信守法的市场环境，有效维护人民群众利益。",
	  "区发展改革局、区市场监管局、区商务局、区司法局、"
	  "区行政执法局牵头，各街道（局）、区直相关单位按职"
	  "责分工负责", "" },
	{ "第（四）项", "做好民生领域信息公开",
	  "重点突出做好就业、教育、卫生健康、社会保障等领域的信"
	  "息公开工作。深化公开2021年省、市和区民生实事的工"
	  "作进展、落实情况等信息。",
	  "各街道（局）、区直相关单位按职责分工负责", "" },
	{ "第（五）项", "做好财政信息公开",
	  "稳步扩大预决算公开范围，推进部门所属单位预算、决算及"
	  "相关报表公开，涉及国家秘密的除外。持续深化政府债务信"
	  "息公开，定期公开政府债务限额、余额等信息。加大惠民惠"
	  "农政策和资金发放信息公开力度，区政府信息公开工作主管"
	  "部门及财政部门要推动补贴信息公开向村和社区延伸，并与"
	  "村（居）务公开有效衔接。",
	  "区财政局、隆平高科技园、各街道（局）、各相关单位"
	  "按职责分工负责", "" },
	{ "第（六）项", "做好疫情防控信息公开",
	  "继续依法做好常态化疫情防控信息发布工作，更新发布防控"
	  "形式和应对处置措施。密切关注涉疫舆情，做到快速反应、"
	  "正面回应，提高新冠肺炎疫情防控信息发布规范化水平，以"
	  "权威信息引导社会舆论、维护社会稳定。\n"
	  "立足预防预警，做好爱国卫生运动、健康中国行动等相关工"
	  "作的信息公开，大力开展健康科普宣传，使健康生活理念更"
	  "加深入人心、健康生活习惯更好养成，提高社会公众对传染"
	  "病的防治意识和应对能力。加大药品和耗材集中采购等方面"
	  "信息公开力度。",
	  "区卫生健康局牵头，隆平高科技园、各街道（局）、各"
	  "相关单位按职责分工负责", "" },
	{ "第（七）项", "持续加强重大政策发布解读",
	  "认真贯彻落实区委经济工作会议精神和《政府工作报告》要"
	  "求，以扎实做好“六稳”工作、全面落实“六保”任务为重"
	  "点，更新发布解读“六稳”“六保”政策。聚焦加大对制造"
	  "业高质量发展、扩大内需和有效投资、生态文明建设、重点"
	  "民生领域、重点建设项目等方面信息公开力度，正向引导社"
	  "会预期，确保政策落地见效、更好惠企利民。",
	  "区数据资源中心，隆平高科技园、各街道（局）、区直"
	  "相关单位按职责分工负责", "" },
	{ "第（八）项", "持续开展“一件事一次办”改革政策发布解读",
	  "及时发布解读“一件事一次办”相关政策举措。更新发布“"
	  "一件事一次办”事项清单、办事指南以及“全省通办”“跨"
	  "省通办”“全程网办”等办事服务信息，让企业群众事前了"
	  "解办事指南，事中掌握办事进度，事后推送办事结果，助推"
	  "政务服务标准化、规范化、便利化。",
	  "区行政审批服务局牵头，区直相关单位按职责分工负责", "" },
	{ "第（九）项", "加大政策解读回应",
	  "加强和规范全区各级行政机关政策解读工作，政策制定机关"
	  "要积极解答政策执行机关和企业、群众的咨询，精准传达政"
	  "策意图，增进社会公众对政府决策施政的理解认同，提升政"
	  "府公信力和治理能力，助力营商环境持续改善。更加注重对"
	  "政策背景、出台目的、重要举措等方面的实质性解读，全面"
	  "提升解读工作质量。依托12345政务热线、政务大厅和"
	  "政府门户网站，探索设立政策咨询综合服务窗口，为企业和"
	  "群众提供“一号答”“一站式”的政策咨询服务，完善一体"
	  "化平台智能咨询功能，加快形成各级各部门协同联动、对接"
	  "共享的政策问答体系，为企业群众提供精准、便捷的政策咨"
	  "询服务。",
	  "区发展改革局、区数据资源中心、区行政审批服务局、"
	  "区优化营商环境协调事务中心牵头，隆平高科技园、各"
	  "街道（局）、区直相关单位按职责分工负责", "" },
	{ "第（十）项", "增强回应关切效果",
	  "紧紧围绕政务舆情背后的实际问题，以解决问题的具体举措"
	  "实质性回应社会关切。加强舆情回应台账管理，认真核查已"
	  "作出的承诺落实及公开情况，切实维护政府公信力。增强回"
	  "应工作的主动性，通过网上调研等方式，了解掌握社会公众"
	  "对政策执行效果的反馈与评价，主动回应存在的共性问题，"
	  "助力政策完善。密切关注涉及疫情防控、房地产金融、工资"
	  "拖欠、环境污染和生态破坏、食品药品安全、教育医疗养老"
	  "、安全生产、困难群众生活等方面的舆情并及时作出回应，"
	  "助力防范化解重大风险。",
	  "隆平高科技园、各街道（局）、区直相关单位按职责分"
	  "工负责", "" },
	{ "第（十一）项", "推进重点政务信息集中统一公开",
	  "集中统一公开政府常务会议、政府全会议定事项等决策信息"
	  "。在政府门户网站开设“文件库”，全面推进集中统一公开"
	  "规范性文件，根据立改废情况动态更新效力状态，通过政府"
	  "门户网站的政府信息公开专栏集中公开，方便公众查询使用"
	  "。",
	  "区司法局、区政府办、区数据资源中心牵头，隆平高科"
	  "技园、各街道（局）、各相关单位按职责分工负责", "" },
	{ "第（十二）项", "全面推行政府网站集约化建设",
	  "构建网上政府的数据底座，推动公开、互动、服务融合发展"
	  "，推动更多政务服务事项网上办、掌上办、一次办，实现一"
	  "网通查、一网通答、一网通办、一网通管。健全政务新媒体"
	  "监管机制，针对一哄而上、重复建设、“娱乐化”、“空壳"
	  "”等问题有序开展清理整合。对政府门户网站的政府信息公"
	  "开专栏建设情况开展专项检查，未按要求完成的，依据有关"
	  "规定督促整改、通报批评。2021年底前，区政府门户网"
	  "站全部支持互联网协议第6版。推进数字化利用，通过政务"
	  "新媒体等渠道加强政府公报内容传播。",
	  "区数据资源中心牵头，隆平高科技园、各街道（局）、"
	  "各相关单位按职责分工负责", "2021年底前" },
	{ "第（十三）项", "高质量推进基层政务公开标准化规范化",
	  "在编制发布26个领域基层政务公开事项目录的基础上，编"
	  "制完成其他领域基层政务公开事项目录。按照“五统一”（"
	  "统一标识标牌、统一公开内容、统一载体配置、统一服务功"
	  "能、统一管理机制）要求，全面完成和升级线下政务公开专"
	  "窗。加快完善线上基层政务公开专栏，通过政府门户网站和"
	  "政务服务一体化平台的数据对接，确保公开和服务数据共享"
	  "、内容同源、标准一致，打通“我要看”和“我要办”，实"
	  "现以公开促落实、促规范、促服务。结合实际，积极探索，"
	  "推动基层政务公开工作向村（社区）延伸，突出区域特色，"
	  "打造一批基层政务公开品牌。",
	  "区行政审批服务局牵头，各街道（局）、各相关单位按"
	  "职责分工负责", "" },
	{ "第（十四）项", "加强规范主动公开内容",
	  "各级各部门要按照政府信息公开条例第二十条明确的必须主"
	  "动公开的十五类信息范围，进一步规范完善政府网站主动公"
	  "开内容，按照法定时限要求，及时做好信息更新发布，依法"
	  "做到“应公开尽公开”。",
	  "区行政审批服务局牵头，隆平高科技园、各街道（局）"
	  "、各相关单位按职责分工负责", "" },
	{ "第（十五）项", "提高依申请公开工作质量",
	  "切实转变观念，强化服务理念，把依申请公开工作作为服务"
	  "人民群众生产生活、支持市场主体创业创新的重要方式，更"
	  "好满足申请人对政府信息的个性化合理需求。进一步完善工"
	  "作制度、规范办理答复，加强业务培训和案例指导，提升答"
	  "复文书规范化水平。正确适用《政府信息公开信息处理费管"
	  "理办法》，落实省财政厅、省发展改革委《关于政府信息公"
	  "开信息处理费管理有关事项的通知》（湘财税〔2021〕"
	  "3号）要求，严格依照规定的标准、程序、方式计收信息处"
	  "理费。",
	  "区行政审批服务局，隆平高科技园、各街道（局）、各"
	  "相关单位按职责分工负责", "" },
	{ "第（十六）项", "加快推进公共企事业单位信息公开",
	  "按照“谁主管、谁负责”的原则，严格落实国务院办公厅《"
	  "关于印发〈公共企事业单位信息公开规定制定办法>的通知"
	  "》（国办发〔2020〕50号）和国务院及省政府有关主"
	  "管部门制定的公共企事业单位信息公开规定和实施细则，各"
	  "有关单位以清单方式列出教育、卫生健康、供水、供电、供"
	  "气、供热、环境保护、污水处理、垃圾机关处理、公共交通"
	  "等领域公共企事业单位信息公开内容及时限要求，方便公众"
	  "知晓、获取。",
	  "公共企事业单位相应主管部门按职责牵头负责", "" },
	{ "第（十七）项", "加强指导培训",
	  "加大组织协调、指导推进、监督检查力度，对基层政务公开"
	  "标准化规范化工作要明确任务、细化措施、压实责任，将基"
	  "层政务公开纳入重要议事内容。各单位还要落实主体责任，"
	  "加强二级单位、内设机构、所属公共企事业单位等的工作指"
	  "导、协调、监督和管理。各级各部门每年至少要组织开展政"
	  "务公开工作培训和研讨交流2次以上，不断提升政务公开工"
	  "作水平。",
	  "区行政审批服务局牵头，隆平高科技园、各街道（局）"
	  "、各相关单位按职责分工负责", "" },
	{ "第（十八）项", "主动探索创新",
	  "各级各部门要紧扣本工作要点，围绕主动公开创特色，依申"
	  "请公开强规范，结合自身实际，积极探索，创新工作机制和"
	  "方式方法，及时总结上报本地区、本部门推工作、抓落实的"
	  "创新做法和典型案例，形成具有可复制可推广的经验做法，"
	  "并加大宣传推介力度。",
	  "区行政审批服务局牵头，隆平高科技园、各街道（局）"
	  "、各相关单位按职责分工负责", "" },
	{ "第（十九）项", "强化监督评估",
	  "加大工作日常监督考核，不定期通报政务公开工作推进情况"
	  "，将第三方评估结果作为政务公开绩效评估的重要依据，并"
	  "纳入政府信息公开年报向社会公开。",
	  "区行政审批服务局牵头，隆平高科技园、各街道（局）"
	  "、各相关单位按职责分工负责", "" },
};

#define YUELU "430104"
#define FURONG "430102"

/* A 2×2 PNG: the demo's stand-in for a photo. */
static const unsigned char photo_png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02,
	0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a, 0x73, 0x00, 0x00, 0x00,
	0x13, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xd8, 0x2c, 0x24, 0xfd,
	0xff, 0xff, 0x7f, 0x06, 0x20, 0x06, 0xb2, 0x00, 0x37, 0x54, 0x07, 0xbb,
	0x64, 0x1e, 0x80, 0x90, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44,
	0xae, 0x42, 0x60, 0x82,
};

static const char evidence_txt[] =
	"望月湖街道2021版基层政务公开事项目录发布情况说明\n"
	"一、对照国务院基层政务公开目录指引和区级目录，调整完善本级目录。\n"
	"二、2021年5月26日经区政务公开办审核后在基层政务公开专栏发布。\n"
	"三、各领域公开信息已按目录补充完善。\n";

/* What the notices call a unit → the demo's unit, after the district's
 * name; the groups are expanded in units_of(). */
static const struct { const char *seed, *suffix; } unit_names[] = {
	{ "区发展改革局", "发展和改革局" },
	{ "区自然资源规划分局", "自然资源和规划局" },
	{ "区数据资源中心", "数据资源中心" },
	{ "区市场监管局", "市场监督管理局" },
	{ "区商务局", "商务局" },
	{ "区司法局", "司法局" },
	{ "区行政执法局", "行政执法局" },
	{ "区财政局", "财政局" },
	{ "区卫生健康局", "卫生健康局" },
	{ "区行政审批服务局", "行政审批服务局" },
	{ "区政府办", "人民政府办公室" },
	{ "区优化营商环境协调事务中心", "优化营商环境协调事务中心" },
	{ "隆平高科技园", NULL },	/* 隆平高科技园管委会 */
};
#define NNAMES (sizeof(unit_names) / sizeof(unit_names[0]))

/* The groups of units the notices name. */
enum { G_STREETS = -1, G_DEPTS = -2, G_UNKNOWN = -3 };

struct district {
	const char *code, *name;	/* 430104 岳麓区 */
	struct store *s;
	struct arena *a;
	struct errors *err;
};

/* The unit called 'name' in the district or below it (0 if none). */
static int64_t unit_named(struct district *d, const char *name)
{
	struct unit *v;
	size_t n;

	if (store_units_below(d->s, d->code, d->a, &v, &n) != STORE_OK)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return v[i].id;
	return 0;
}

/* The demo unit's name for a token of 责任单位, or NULL for a group (its
 * code in *group) or a token not known. */
static const char *demo_name(struct district *d, const char *tok, int *group)
{
	*group = 0;
	if (!strcmp(tok, "各街道（镇）") || !strcmp(tok, "各街道（局）")) {
		*group = G_STREETS;
		return NULL;
	}
	if (!strcmp(tok, "区直相关部门") || !strcmp(tok, "区直相关单位") ||
	    !strcmp(tok, "各相关单位")) {
		*group = G_DEPTS;
		return NULL;
	}
	for (size_t i = 0; i < NNAMES; i++)
		if (!strcmp(tok, unit_names[i].seed))
			return unit_names[i].suffix ?
				arena_printf(d->a, "%s%s", d->name,
					     unit_names[i].suffix) :
				"隆平高科技园管委会";
	*group = G_UNKNOWN;
	return NULL;
}

/* Split 责任单位 into tokens (、 and ，), the lead part (before 牵头) and
 * the rest; 按职责分工负责 and 牵头 dropped.  Returns the count; lead[i]
 * says which part token i is in. */
static size_t tokens(struct arena *a, const char *units, const char **tok,
		     bool *lead, size_t max)
{
	const char *p = units, *mark = strstr(units, "牵头");
	size_t n = 0;

	while (*p && n < max) {
		const char *q = p, *end;
		size_t len;

		while (*q && strncmp(q, "、", 3) && strncmp(q, "，", 3))
			q++;
		end = q;
		len = (size_t)(end - p);
		if (len >= strlen("按职责分工负责") &&
		    !strncmp(end - strlen("按职责分工负责"), "按职责分工负责",
			     strlen("按职责分工负责")))
			len -= strlen("按职责分工负责");
		if (len >= strlen("牵头") &&
		    !strncmp(p + len - strlen("牵头"), "牵头", strlen("牵头")))
			len -= strlen("牵头");
		if (len) {
			tok[n] = arena_strndup(a, p, len);
			lead[n] = mark && p < mark;
			n++;
		}
		p = *q ? q + 3 : q;
	}
	return n;
}

/* Add the units a notice names but the demo lacks, as 政府部门 of the
 * district (in the order the notice names them). */
static int ensure_units(struct district *d, const struct seed_task *v,
			size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *tok[64];
		bool lead[64];
		size_t k = tokens(d->a, v[i].units, tok, lead, 64);

		for (size_t j = 0; j < k; j++) {
			int group;
			const char *name = demo_name(d, tok[j], &group);
			struct unit u = { 0 };

			if (!name || unit_named(d, name))
				continue;
			u.name = name;
			u.kind = "政府部门";
			u.region_code = d->code;
			if (store_unit_add(d->s, &u, d->err) != STORE_OK)
				return -1;
		}
	}
	return 0;
}

static bool has(const int64_t *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == id)
			return true;
	return false;
}

/* The lead and member units of one task, groups expanded, each once. */
static void units_of(struct district *d, const struct seed_task *t,
		     int64_t *leads, size_t *nl, int64_t *members, size_t *nm)
{
	const char *tok[64];
	bool lead[64];
	size_t k = tokens(d->a, t->units, tok, lead, 64), nall;
	struct unit *all;

	*nl = *nm = 0;
	store_units_below(d->s, d->code, d->a, &all, &nall);
	if (strstr(t->units, "公共企事业单位相应主管部门")) {
		/* 公共企事业单位相应主管部门按职责牵头负责: the demo's
		 * departments over schools and hospitals */
		const char *const heads[] = { "教育局", "卫生健康局" };

		for (size_t i = 0; i < 2; i++) {
			int64_t id = unit_named(d, arena_printf(d->a, "%s%s",
						d->name, heads[i]));
			if (id)
				leads[(*nl)++] = id;
		}
		return;
	}
	for (size_t j = 0; j < k; j++) {
		int group;
		const char *name = demo_name(d, tok[j], &group);
		int64_t *out = lead[j] ? leads : members;
		size_t *no = lead[j] ? nl : nm;

		if (name) {
			int64_t id = unit_named(d, name);

			if (id && !has(leads, *nl, id) && !has(members, *nm, id))
				out[(*no)++] = id;
			continue;
		}
		for (size_t i = 0; i < nall; i++) {
			const struct unit *u = &all[i];
			size_t len = strlen(u->name);
			bool take = group == G_STREETS ?
				strcmp(u->region_code, d->code) &&
				(!strcmp(u->kind, "街道办事处") ||
				 !strcmp(u->kind, "乡镇人民政府")) :
				group == G_DEPTS &&
				!strcmp(u->region_code, d->code) &&
				!strcmp(u->kind, "政府部门") &&
				!(len >= strlen("政务公开办") &&
				  !strcmp(u->name + len - strlen("政务公开办"),
					  "政务公开办"));

			if (take && !has(leads, *nl, u->id) &&
			    !has(members, *nm, u->id))
				out[(*no)++] = u->id;
		}
	}
}

static int add_tasks(struct district *d, const char *doc, const char *issued,
		     const struct seed_task *v, size_t n, int64_t *ids)
{
	struct actor who;

	actor_cli("演示数据", &who);
	if (ensure_units(d, v, n))
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct task_input in = { 0 };
		int64_t leads[256], members[256];

		units_of(d, &v[i], leads, &in.nleads, members, &in.nmembers);
		in.region = d->code;
		in.source = arena_printf(d->a, "%s %s", doc, v[i].item);
		in.title = v[i].title;
		in.body = v[i].body;
		in.units_text = v[i].units;
		in.issued_on = issued;
		in.due = v[i].due;
		in.leads = leads;
		in.members = members;
		if (!(ids[i] = task_add(d->s, &who, &in, d->err)))
			return -1;
	}
	return 0;
}

/* --- reports, ledger, inspection --- */

enum { EV_NONE, EV_TEXT, EV_PHOTO };

static const struct {
	int furong;		/* 0 岳麓区 (seed 000), 1 芙蓉区 (seed 002) */
	int task;		/* index in its notice's table */
	const char *unit;	/* after the district's name */
	const char *kind, *day, *text;
	int evidence;
} reports[] = {
	{ 0, 0, "望月湖街道办事处", "progress", "2021-05-18",
	  "已对照国务院基层政务公开目录指引梳理本级事项，正在补充完善公开内容。",
	  EV_NONE },
	{ 0, 0, "望月湖街道办事处", "done", "2021-05-27",
	  "已更新发布2021版基层政务公开事项目录，专栏各领域公开信息已按目录补充"
	  "完善。", EV_TEXT },
	{ 0, 0, "民政局", "progress", "2021-05-24",
	  "民政领域目录已完成调整，正在补充社会救助、养老服务等事项的公开内容。",
	  EV_NONE },
	{ 0, 0, "民政局", "done", "2021-06-08",
	  "民政领域2021版目录已发布，公开内容已补充完善。", EV_NONE },
	{ 0, 0, "岳麓街道办事处", "progress", "2021-05-25",
	  "目录调整初稿已完成，待街道审核后发布。", EV_NONE },
	{ 0, 1, "望月湖街道办事处", "done", "2021-06-25",
	  "已指导辖区各社区梳理社区级基层政务公开事项目录并发布。", EV_NONE },
	{ 0, 1, "梅溪湖街道办事处", "done", "2021-07-05",
	  "辖区各社区目录已梳理发布。", EV_NONE },
	{ 0, 2, "桔子洲街道办事处", "done", "2021-06-20",
	  "已完成公开内容填报准确性自查。", EV_NONE },
	{ 0, 2, "桔子洲街道办事处", "returned", "2021-06-22",
	  "自查报告未附检查结果和整改清单，请补充后重新报送。", EV_NONE },
	{ 0, 3, "望月湖街道办事处", "done", "2021-06-28",
	  "便民服务中心政务公开专区已按“五统一”要求建成，配备自助查询电脑和"
	  "资料架，明确专人管理。", EV_PHOTO },
	{ 0, 5, "行政审批服务局", "progress", "2021-09-15",
	  "已起草政府信息公开属性源头认定、依申请公开等流程规范，正在征求意见。",
	  EV_NONE },
	{ 1, 1, "发展和改革局", "progress", "2021-09-10",
	  "已在区政府门户网站开设“十四五”规划公开专栏，正在归集整理历史规划。",
	  EV_NONE },
	{ 1, 11, "数据资源中心", "done", "2021-12-20",
	  "区政府门户网站已全部支持互联网协议第6版（IPv6）。", EV_NONE },
};

static const struct {
	const char *title, *place, *from, *to;
	bool photo;
} postings[] = {
	{ "2021年第一季度城乡低保对象公示", "望月湖街道便民服务中心公示栏",
	  "2021-03-02", "2021-03-09", true },
	{ "望月湖街道2021版基层政务公开事项目录", "望月湖街道便民服务中心公示栏",
	  "2021-06-01", "2021-06-30", true },
	{ "2021年第三季度特困人员救助供养对象公示", "望月湖街道各社区公示栏",
	  "2021-09-06", "2021-09-13", true },
	{ "2021年度高龄老人补贴发放名单公示", "望月湖街道便民服务中心公示栏",
	  "2021-12-01", "2021-12-07", false },
	{ "2026年第一季度城乡低保对象公示", "望月湖街道便民服务中心公示栏",
	  "2026-01-05", "2026-01-12", true },
	{ "2026年春节期间困难群众慰问情况公示", "望月湖街道各社区公示栏",
	  "2026-02-02", "2026-02-09", true },
	{ "望月湖街道2026年民生实事项目公示", "望月湖街道便民服务中心公示栏",
	  "2026-03-02", "2026-03-16", true },
	{ "2026年第二季度城乡低保对象公示", "望月湖街道便民服务中心公示栏",
	  "2026-04-07", "2026-04-14", false },
	{ "2026年城乡居民医疗保险参保缴费通知", "望月湖街道各社区公示栏",
	  "2026-09-01", "2026-09-30", true },
	{ "2026年第四季度城乡低保对象公示", "望月湖街道便民服务中心公示栏",
	  "2026-10-09", "2026-10-16", true },
};

static int add_reports(struct district *d, const int64_t *yuelu_ids,
		       const int64_t *furong_ids, struct district *fr)
{
	struct actor who;

	actor_cli("演示数据", &who);
	for (size_t i = 0; i < sizeof(reports) / sizeof(reports[0]); i++) {
		struct district *dd = reports[i].furong ? fr : d;
		const int64_t *ids = reports[i].furong ? furong_ids : yuelu_ids;
		/* a street by its name, a department after the district's */
		int64_t unit = unit_named(dd, reports[i].unit);
		struct sv_upload f = { 0 };

		if (!unit)
			unit = unit_named(dd, arena_printf(dd->a, "%s%s",
						 dd->name, reports[i].unit));
		if (!unit) {
			errors_addf(d->err, "演示数据中没有单位 %s",
				    reports[i].unit);
			return -1;
		}
		if (reports[i].evidence == EV_TEXT) {
			f.name = "2021版目录发布情况说明.txt";
			f.data = evidence_txt;
			f.len = sizeof(evidence_txt) - 1;
		} else if (reports[i].evidence == EV_PHOTO) {
			f.name = "政务公开专区照片.png";
			f.data = photo_png;
			f.len = sizeof(photo_png);
		}
		if (!task_report(d->s, &who, ids[reports[i].task], unit,
				 reports[i].kind, reports[i].day, reports[i].text,
				 &f, f.name ? 1 : 0, d->err))
			return -1;
	}
	return 0;
}

static int add_ledger(struct district *d)
{
	struct actor who;
	struct record_filter rf = { 0 };
	struct record *recs;
	struct zone_line *lines;
	struct zone_mark marks[16];
	struct sv_upload photo = { "公示栏照片.png", photo_png,
				   sizeof(photo_png) };
	struct board_input in = { 0 };
	size_t n, nlines;
	int64_t total, wyh = unit_named(d, "望月湖街道办事处");

	actor_cli("演示数据", &who);
	if (!wyh) {
		errors_addf(d->err, "演示数据中没有单位 望月湖街道办事处");
		return -1;
	}
	in.unit_id = wyh;
	in.posted_by = "望月湖街道信息员";
	for (size_t i = 0; i < sizeof(postings) / sizeof(postings[0]); i++) {
		in.title = postings[i].title;
		in.place = postings[i].place;
		in.posted_from = postings[i].from;
		in.posted_to = postings[i].to;
		if (!ledger_add(d->s, &who, &in, &photo, postings[i].photo ? 1 : 0,
				d->err))
			return -1;
	}
	/* a record of the street printed as a notice and posted */
	rf.unit_id = wyh;
	rf.status = -1;
	rf.public_only = true;
	rf.limit = 1;
	if (store_record_list(d->s, &rf, d->a, &recs, &n, &total) == STORE_OK &&
	    n) {
		in.place = "望月湖街道便民服务中心公示栏";
		in.posted_from = "2026-06-01";
		in.posted_to = "2026-06-07";
		if (!ledger_print(d->s, &who, recs[0].id, &in, d->err))
			return -1;
	}
	/* the district office inspected the street's zone */
	if (store_zone_lines(d->s, "township", d->a, &lines, &nlines) !=
	    STORE_OK || nlines > 16)
		return -1;
	for (size_t i = 0; i < nlines; i++) {
		bool card = !strcmp(lines[i].carrier, "便民卡");

		marks[i].line_id = lines[i].id;
		marks[i].met = card ? 0 : 1;
		marks[i].note = card ? "专区未摆放便民卡" : "";
	}
	if (!zone_inspect(d->s, &who, wyh, "2021-06-25", "岳麓区政务公开办检查组",
			  "专区标识清楚、资料分类摆放；便民卡需补充。", marks,
			  nlines, &photo, 1, d->err))
		return -1;
	return 0;
}

int demo_supervision(struct store *s, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct district yl = { YUELU, "岳麓区", s, &a, err };
	struct district fr = { FURONG, "芙蓉区", s, &a, err };
	int64_t yl_ids[sizeof(yuelu) / sizeof(yuelu[0])];
	int64_t fr_ids[sizeof(furong) / sizeof(furong[0])];
	int rc = -1;

	if (add_tasks(&yl, "岳政务公开办发〔2021〕1号", "2021-05-10", yuelu,
		      sizeof(yuelu) / sizeof(yuelu[0]), yl_ids) ||
	    add_tasks(&fr, "芙政办发〔2021〕15号", "2021-08-09", furong,
		      sizeof(furong) / sizeof(furong[0]), fr_ids) ||
	    add_reports(&yl, yl_ids, fr_ids, &fr) || add_ledger(&yl))
		goto out;
	rc = 0;
out:
	arena_release(&a);
	return rc;
}
