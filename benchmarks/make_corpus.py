"""Seeded benchmark corpus for replylint: replies, a Zendesk macros export, big plain files.

Run: ``python benchmarks/make_corpus.py --out DIR [--seed N] [--quick]``

Writes into DIR:

    reply/{en,ru,lv,zh}.txt  one short reply per language, each with one flagged sentence; the
                             others are within 5% of the English one's size in UTF-8 bytes
    replies/en_NNNN.txt      1,000 small English replies (12% contain a flagged sentence)
    macros.json              a Zendesk macros export (``{"macros": [...], "count": N}``) of
                             10,000 macros in en/ru/zh/lv (~10 MB): 50% greet with a Zendesk
                             placeholder, 20% carry HTML (``comment_value_html``), and 12% are
                             "bad": they contain one sentence that a built-in rule flags
    big_en.txt               ~10 MB of English replies separated by blank lines
    big_en_slice.txt         the first ~1 MB of big_en.txt, cut at a reply boundary
    empty.txt                an empty file (process start-up baseline)
    manifest.json            seed, parameters, sizes and sha256 of every output, and the bad
                             macros: id, index, title, language, the sentence and the rule that
                             must report it

The replies are assembled from fixed sentence templates (greeting, opening, body, closing,
signature, numbered steps) with random slot values (names, order numbers, amounts, dates).
Everything is driven by ``random.Random`` with a fixed sub-seed per output and fixed iteration
orders, so one seed gives byte-identical files (compare the sha256 values in the manifest).
``--quick`` writes smaller inputs (200 replies, 1,000 macros, 1 MB big file, 0.1 MB slice).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import random
import string
import sys
from dataclasses import dataclass
from pathlib import Path

FORMAT = 1  # bump when the output changes for the same seed and sizes
DEFAULT_SEED = 20240611
FULL = {"replies": 1000, "macros": 10_000, "big_mb": 10.0, "slice_mb": 1.0}
QUICK = {"replies": 200, "macros": 1000, "big_mb": 1.0, "slice_mb": 0.1}

LANGS = ("en", "ru", "zh", "lv")
LANG_WEIGHTS = (0.40, 0.25, 0.20, 0.15)  # language mix of the macros export
BAD_P = 0.12  # probability that a reply or macro contains one flagged sentence
STEPS_P = 0.15  # probability that a reply contains a numbered-steps block
PLACEHOLDER_P = 0.5  # macros that greet with a Zendesk placeholder instead of a name
HTML_P = 0.2  # macros whose text is comment_value_html instead of comment_value
SHORT_REPLY_BYTES = (560, 640)  # size window of the English short reply
SHORT_REPLY_TOLERANCE = 0.05  # the other languages' short replies: within 5% of the English one

# Zendesk placeholders with a fallback, as the unfilled-placeholder rule suggests.
NAME_PLACEHOLDER = {
    "en": '{{ticket.requester.first_name | default: "there"}}',
    "ru": '{{ticket.requester.first_name | default: "клиент"}}',
    "lv": '{{ticket.requester.first_name | default: "klient"}}',
    "zh": '{{ticket.requester.name | default: "顾客"}}',
}
AGENT_PLACEHOLDER = "{{current_user.first_name}}"

# --- templates ------------------------------------------------------------------------------

TEMPLATES: dict[str, dict[str, list[str]]] = {
    "en": {
        "greet": [
            "Hi {name},",
            "Hello {name},",
            "Dear {name},",
            "Hi there,",
            "Good morning {name},",
            "Good afternoon {name},",
            "Hey {name},",
        ],
        "open": [
            "Thank you for reaching out to {company} Support.",
            "Thanks for getting in touch about order #{order}.",
            "I'm sorry to hear that your {product} arrived damaged.",
            "I understand how frustrating it is when a delivery is late.",
            "Thank you for your patience while we looked into this.",
            "I appreciate you taking the time to write to us.",
            "Thanks for letting us know about the problem with your {product}.",
            "I'm really sorry for the trouble you've had with your recent order.",
            "My name is {agent}, and I'll be helping you today.",
            "Thanks for the details and the screenshots you sent.",
        ],
        "body": [
            "I've checked your account and can see that a refund of {amount} was issued on {date}.",
            "Your replacement {product} will ship within {n} business days.",
            "Please allow {n} to {m} business days for the refund to appear on your statement.",
            "Could you please send us a photo of the damaged item and the original packaging?",
            "I've escalated your case to our technical team, and they will contact you by email.",
            "You can track your parcel at any time using this link: {link}.",
            (
                'To reset your password, click "Forgot password" on the sign-in page and follow '
                "the instructions in the email."
            ),
            "As a gesture of goodwill, I've added a {pct}% discount code to your account.",
            "It looks like the payment was declined by your bank, so the order was not processed.",
            "I've updated the shipping address on order #{order} to the one you provided.",
            (
                "Your {product} is covered by our {months}-month warranty, so the repair is free "
                "of charge."
            ),
            (
                "If the issue persists after updating the app, please tell me which version you "
                "are using."
            ),
            "I've cancelled your subscription, and you will not be charged again.",
            (
                "The courier attempted delivery on {date}, but nobody was available to sign for "
                "the package."
            ),
            (
                "We have received your return, and it is currently being inspected by our "
                "warehouse team."
            ),
            "Please try clearing your browser cache and signing in again.",
            (
                "I've resent the invoice to {email}; please check your spam folder if it doesn't "
                "arrive."
            ),
            (
                "Our records show that the order was split into two shipments, and the second "
                "package should arrive by {date}."
            ),
            "You can change your plan at any time from the Billing section of your dashboard.",
            "I've linked your two accounts, so your order history is now in one place.",
            "Unfortunately, we are unable to change an order once it has been dispatched.",
            (
                "If you'd prefer an exchange instead of a refund, just reply to this email and "
                "let me know the size you need."
            ),
            "The promo code expired on {date}, but I've applied the discount manually for you.",
            (
                "We're aware of an outage affecting some customers, and our engineers are working "
                "on a fix."
            ),
            (
                "I've made a note on your account so that any colleague can pick this up if you "
                "contact us again."
            ),
            "Please make sure the device is charged to at least {pct}% before starting the update.",
            "A prepaid return label has been sent to your email address.",
            "Your order #{order} left our warehouse on {date} and is now with the courier.",
        ],
        "steps_intro": [
            "Here's what to do:",
            "Please follow these steps:",
            "Could you try the following?",
        ],
        "steps": [
            "Open the {company} app.",
            "Go to Settings > Account.",
            'Tap "Sign out" and sign in again.',
            "Restart your {product}.",
            "Check that Bluetooth is switched on.",
            "Hold the power button for {n} seconds.",
            "Install the latest update from the App Store.",
        ],
        "close": [
            "Please let me know if there is anything else I can help with.",
            "Have a great day!",
            "We're here if you need anything else.",
            "Thanks again for your patience and understanding.",
            "Feel free to reply to this email if you have any other questions.",
            "I hope this helps, and I apologise again for the inconvenience.",
            "Enjoy your {product}!",
        ],
        "sign": [
            "Best regards,\n{agent}\n{company} Support",
            "Kind regards,\n{agent}",
            "Thanks,\n{agent}",
            "Cheers,\n{agent} from {company}",
            "All the best,\n{agent}\nCustomer Care Team",
        ],
    },
    "ru": {
        "greet": [
            "Здравствуйте, {name}!",
            "Добрый день, {name}!",
            "Здравствуйте!",
            "Добрый вечер, {name}!",
            "Уважаемый клиент!",
        ],
        "open": [
            "Спасибо, что обратились в службу поддержки {company}.",
            "Благодарим вас за обращение по заказу №{order}.",
            "Мне очень жаль, что устройство {product} пришло повреждённым.",
            "Понимаю, как неприятно, когда доставка задерживается.",
            "Спасибо за терпение, пока мы разбирались в ситуации.",
            "Меня зовут {agent}, и сегодня я помогу вам с вашим вопросом.",
            "Благодарю за подробное описание проблемы и скриншоты.",
            "Приносим извинения за неудобства, связанные с вашим заказом.",
        ],
        "body": [
            "Я проверил ваш аккаунт: возврат на сумму {amount} был оформлен {date}.",
            "Замена устройства {product} будет отправлена в течение {n} рабочих дней.",
            "Средства обычно поступают на карту в течение {n}–{m} рабочих дней.",
            "Пожалуйста, пришлите фотографию повреждённого товара и упаковки.",
            (
                "Я передал ваше обращение в технический отдел, специалисты свяжутся с вами по "
                "электронной почте."
            ),
            "Отследить посылку можно по ссылке: {link}.",
            (
                "Чтобы сбросить пароль, нажмите «Забыли пароль?» на странице входа и следуйте "
                "инструкциям в письме."
            ),
            "В качестве компенсации я начислил на ваш аккаунт промокод на скидку {pct}%.",
            "Похоже, банк отклонил платёж, поэтому заказ не был оформлен.",
            "Я изменил адрес доставки в заказе №{order} на указанный вами.",
            (
                "На устройство {product} действует гарантия {months} месяцев, поэтому ремонт "
                "будет бесплатным."
            ),
            (
                "Если проблема сохранится после обновления приложения, сообщите, пожалуйста, "
                "номер версии."
            ),
            "Я отменил подписку, больше списаний не будет.",
            "Курьер приезжал {date}, но никого не было дома.",
            "Мы получили ваш возврат, сейчас его проверяют сотрудники склада.",
            "Попробуйте, пожалуйста, очистить кэш браузера и войти в аккаунт заново.",
            "Я повторно отправил счёт на адрес {email}; если письма нет, проверьте папку «Спам».",
            "Заказ был разделён на две посылки, вторая придёт до {date}.",
            "Изменить тариф можно в любой момент в разделе «Оплата» личного кабинета.",
            "К сожалению, мы не можем изменить заказ после его отправки.",
            (
                "Если вы предпочитаете обмен вместо возврата денег, просто ответьте на это письмо "
                "и укажите нужный размер."
            ),
            "Срок действия промокода истёк {date}, но я применил скидку вручную.",
            (
                "Мы знаем о сбое, который затронул часть пользователей, и инженеры уже работают "
                "над исправлением."
            ),
            (
                "Я оставил комментарий в вашем профиле, чтобы любой коллега мог продолжить работу "
                "над обращением."
            ),
            "Перед началом обновления зарядите устройство минимум до {pct}%.",
            "Бесплатная этикетка для возврата отправлена на вашу электронную почту.",
            "Заказ №{order} покинул наш склад {date} и уже передан курьерской службе.",
        ],
        "steps_intro": [
            "Пожалуйста, выполните следующие шаги:",
            "Попробуйте, пожалуйста, следующее:",
        ],
        "steps": [
            "Откройте приложение {company}.",
            "Перейдите в «Настройки» → «Аккаунт».",
            "Нажмите «Выйти» и войдите снова.",
            "Перезагрузите устройство {product}.",
            "Проверьте, что Bluetooth включён.",
            "Удерживайте кнопку питания {n} секунд.",
        ],
        "close": [
            "Если у вас остались вопросы, просто ответьте на это письмо.",
            "Хорошего дня!",
            "Ещё раз приносим извинения за доставленные неудобства.",
            "Спасибо за понимание и терпение.",
            "Будем рады помочь, если понадобится что-то ещё.",
        ],
        "sign": [
            "С уважением,\n{agent}\nСлужба поддержки {company}",
            "С наилучшими пожеланиями,\n{agent}",
            "Всего доброго,\n{agent}",
            "С уважением, команда {company}",
        ],
    },
    "zh": {
        "greet": [
            "{name}您好：",
            "尊敬的{name}：",
            "您好！",
            "亲爱的{name}，您好！",
        ],
        "open": [
            "感谢您联系{company}客服中心。",
            "感谢您就订单{order}与我们联系。",
            "非常抱歉您收到的{product}出现了损坏。",
            "我们理解物流延误给您带来的不便。",
            "感谢您在我们核实情况期间的耐心等待。",
            "我是客服{agent}，今天由我来为您处理这个问题。",
            "感谢您提供详细的描述和截图。",
        ],
        "body": [
            "我已查看您的账户，退款{amount}已于{date}发起。",
            "新的{product}将在{n}个工作日内为您寄出。",
            "退款通常需要{n}到{m}个工作日才能到账，请您耐心等待。",
            "麻烦您提供一下损坏商品和外包装的照片。",
            "我已将您的问题升级给技术团队，他们会通过邮件与您联系。",
            "您可以通过以下链接随时查询物流信息：{link}。",
            "如需重置密码，请在登录页面点击“忘记密码”，并按照邮件中的提示操作。",
            "为表歉意，我们已向您的账户发放了一张{pct}%的优惠券。",
            "系统显示您的付款被银行拒绝，因此订单未能成功提交。",
            "我已将订单{order}的收货地址修改为您提供的新地址。",
            "您的{product}在{months}个月保修期内，维修是免费的。",
            "如果更新应用后问题仍然存在，请告诉我们您使用的版本号。",
            "我已为您取消订阅，之后不会再产生任何扣费。",
            "快递员于{date}尝试派送，但当时无人签收。",
            "我们已经收到您退回的商品，仓库同事正在进行检查。",
            "请您尝试清除浏览器缓存后重新登录。",
            "发票已重新发送至{email}，如未收到请查看垃圾邮件文件夹。",
            "您的订单被拆分为两个包裹发出，第二个包裹预计{date}前送达。",
            "您可以随时在账户的“账单”页面更改套餐。",
            "很抱歉，订单发货后就无法再修改了。",
            "如果您希望换货而不是退款，请直接回复此邮件并告诉我们需要的尺码。",
            "优惠码已于{date}过期，不过我已经为您手动申请了折扣。",
            "我们已经注意到部分用户遇到的服务中断问题，工程师正在紧急修复。",
            "我已在您的账户中添加备注，方便其他同事跟进处理。",
            "开始升级前，请确保设备电量不低于{pct}%。",
            "预付费退货标签已发送到您的邮箱。",
            "您的订单{order}已于{date}从仓库发出，目前由快递公司配送。",
        ],
        "steps_intro": [
            "请按照以下步骤操作：",
            "您可以尝试以下方法：",
        ],
        "steps": [
            "打开{company}应用。",
            "进入“设置”>“账户”。",
            "点击“退出登录”后重新登录。",
            "重启您的{product}。",
            "确认蓝牙已开启。",
            "长按电源键{n}秒。",
        ],
        "close": [
            "如有其他问题，欢迎随时回复此邮件。",
            "祝您生活愉快！",
            "再次为给您带来的不便深表歉意。",
            "感谢您的理解与支持。",
            "如需进一步帮助，请随时联系我们。",
        ],
        "sign": [
            "{company}客服团队\n{agent}",
            "此致\n敬礼\n{agent}",
            "{agent}\n{company}客户服务中心",
        ],
    },
    "lv": {
        "greet": [
            "Labdien, {name}!",
            "Sveiki, {name}!",
            "Labdien!",
            "Cienījamais klient!",
            "Labvakar, {name}!",
        ],
        "open": [
            "Paldies, ka sazinājāties ar {company} klientu atbalstu.",
            "Paldies par jūsu ziņu saistībā ar pasūtījumu Nr. {order}.",
            "Mums ļoti žēl, ka ierīce {product} tika piegādāta bojāta.",
            "Saprotam, cik nepatīkami ir, ja piegāde kavējas.",
            "Paldies par pacietību, kamēr mēs noskaidrojām situāciju.",
            "Mani sauc {agent}, un šodien es jums palīdzēšu.",
            "Paldies par detalizēto aprakstu un ekrānuzņēmumiem.",
        ],
        "body": [
            "Es pārbaudīju jūsu kontu, un atmaksa {amount} apmērā tika veikta {date}.",
            "Jaunā ierīce {product} tiks nosūtīta {n} darba dienu laikā.",
            (
                "Lūdzu, ņemiet vērā, ka līdzekļi kontā parasti tiek ieskaitīti {n} līdz {m} darba "
                "dienu laikā."
            ),
            "Lūdzu, atsūtiet bojātās preces un iepakojuma fotoattēlu.",
            (
                "Esmu nodevis jūsu jautājumu tehniskajai komandai, un kolēģi ar jums sazināsies "
                "pa e-pastu."
            ),
            "Sūtījumu varat izsekot šeit: {link}.",
            (
                'Lai atiestatītu paroli, pieteikšanās lapā noklikšķiniet uz "Aizmirsāt paroli?" '
                "un sekojiet e-pastā sniegtajiem norādījumiem."
            ),
            "Kā kompensāciju esmu pievienojis jūsu kontam {pct}% atlaides kodu.",
            "Izskatās, ka banka noraidīja maksājumu, tāpēc pasūtījums netika apstrādāts.",
            "Esmu nomainījis piegādes adresi pasūtījumam Nr. {order} uz jūsu norādīto.",
            "Ierīcei {product} ir {months} mēnešu garantija, tāpēc remonts būs bez maksas.",
            (
                "Ja problēma saglabājas arī pēc lietotnes atjaunināšanas, lūdzu, norādiet "
                "izmantoto versiju."
            ),
            "Esmu atcēlis jūsu abonementu, un turpmāk maksa netiks iekasēta.",
            "Kurjers mēģināja piegādāt sūtījumu {date}, bet neviens nebija mājās.",
            "Mēs esam saņēmuši jūsu atgriezto preci, un noliktavas darbinieki to pašlaik pārbauda.",
            "Lūdzu, mēģiniet notīrīt pārlūkprogrammas kešatmiņu un pieteikties vēlreiz.",
            (
                "Rēķins atkārtoti nosūtīts uz {email}; ja tas nepienāk, lūdzu, pārbaudiet mēstuļu "
                "mapi."
            ),
            "Pasūtījums tika sadalīts divos sūtījumos, un otrais sūtījums pienāks līdz {date}.",
            'Tarifu plānu varat mainīt jebkurā laikā sadaļā "Norēķini".',
            "Diemžēl pēc nosūtīšanas pasūtījumu vairs nav iespējams mainīt.",
            (
                "Ja naudas atmaksas vietā vēlaties apmaiņu, lūdzu, atbildiet uz šo e-pastu un "
                "norādiet vajadzīgo izmēru."
            ),
            "Atlaides koda derīguma termiņš beidzās {date}, taču es piemēroju atlaidi manuāli.",
            (
                "Mēs zinām par darbības traucējumiem, kas skar daļu lietotāju, un inženieri jau "
                "strādā pie risinājuma."
            ),
            (
                "Esmu pievienojis piezīmi jūsu kontam, lai jebkurš kolēģis varētu turpināt darbu "
                "ar jūsu pieteikumu."
            ),
            "Pirms atjauninājuma sākšanas, lūdzu, uzlādējiet ierīci vismaz līdz {pct}%.",
            "Apmaksāta atgriešanas etiķete ir nosūtīta uz jūsu e-pasta adresi.",
            (
                "Jūsu pasūtījums Nr. {order} {date} tika nosūtīts no mūsu noliktavas un tagad ir "
                "pie kurjera."
            ),
        ],
        "steps_intro": [
            "Lūdzu, izpildiet šādas darbības:",
            "Lūdzu, izmēģiniet sekojošo:",
        ],
        "steps": [
            "Atveriet {company} lietotni.",
            'Dodieties uz "Iestatījumi" > "Konts".',
            'Nospiediet "Iziet" un piesakieties vēlreiz.',
            "Restartējiet ierīci {product}.",
            "Pārbaudiet, vai Bluetooth ir ieslēgts.",
            "Turiet nospiestu barošanas pogu {n} sekundes.",
        ],
        "close": [
            "Ja jums ir vēl kādi jautājumi, lūdzu, atbildiet uz šo e-pastu.",
            "Jauku dienu!",
            "Vēlreiz atvainojamies par sagādātajām neērtībām.",
            "Paldies par sapratni un pacietību.",
            "Ar prieku palīdzēsim, ja būs nepieciešams vēl kas.",
        ],
        "sign": [
            "Ar cieņu,\n{agent}\n{company} klientu atbalsts",
            "Ar labākajiem novēlējumiem,\n{agent}",
            "Ar cieņu, {company} komanda",
        ],
    },
}

# Sentences that replylint's built-in rules flag, with the rule that must report each. Only rules
# whose exceptions look at the same sentence: rules with ``unless-scope: reply`` (bare-transfer,
# refusal-without-alternative, wait-without-estimate) rightly stay quiet when another sentence of
# the reply offers an alternative or a time, which the random clean sentences often do.
BAD: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("Unfortunately the {product} is out of stock right now.", "out-of-stock"),
        ("I can't make an exception, it's company policy.", "policy-excuse"),
        ("I'm new here, so I'm not sure how this works.", "dont-know"),
        ("Please calm down so we can sort this out.", "calm-down"),
        ("As I already said, the order cannot be changed.", "as-i-said"),
        ("To be honest, this happens quite often.", "normalized-error"),
        ("You should have read the terms before ordering.", "blame-customer"),
    ],
    "ru": [
        ("К сожалению, этой модели сейчас нет в наличии.", "out-of-stock"),
        ("К сожалению, {product} нет в наличии.", "out-of-stock"),
        ("Я здесь новенький, поэтому точно не знаю.", "dont-know"),
        ("Исключение сделать нельзя, такова политика компании.", "policy-excuse"),
        ("Успокойтесь, пожалуйста, и опишите проблему.", "calm-down"),
        ("Как я уже говорил, заказ изменить нельзя.", "as-i-said"),
        ("Вам нужно было внимательнее читать условия.", "blame-customer"),
    ],
    "zh": [
        ("很抱歉，这款{product}目前没有库存。", "out-of-stock"),
        ("很抱歉，这款{product}目前缺货。", "out-of-stock"),
        ("这是公司规定，我们不能破例。", "policy-excuse"),
        ("我是新来的，不太清楚具体流程。", "dont-know"),
        ("请您冷静一下。", "calm-down"),
        ("我已经说过了，订单无法修改。", "as-i-said"),
    ],
    "lv": [
        ("Diemžēl šī prece pašlaik nav noliktavā.", "out-of-stock"),
        ("Izņēmumu izdarīt nevaram, tā ir uzņēmuma politika.", "policy-excuse"),
        ("Es te esmu jauns, tāpēc īsti nezinu.", "dont-know"),
        ("Lūdzu, nomierinieties.", "calm-down"),
        ("Kā jau teicu, pasūtījumu mainīt nav iespējams.", "as-i-said"),
    ],
}

COMPANIES = ["Northwind", "Brightline", "Lumio", "Parcelo", "Acme Home", "Kettle&Co", "Vantra"]

PRODUCTS = [
    "Aero X2",
    "Nimbus 3",
    "AquaPro 200",
    "Zenith Lite",
    "Volt Mini",
    "Orbit S",
    "Pulse 5",
    "Terra One",
    "Flux Air",
    "Nova Cam",
]

NAMES = {
    "en": [
        "Sarah",
        "James",
        "Emily",
        "Michael",
        "Olivia",
        "David",
        "Sophie",
        "Daniel",
        "Grace",
        "Tom",
        "Priya",
        "Mohammed",
        "Laura",
        "Chris",
        "Hannah",
        "Ben",
        "Aisha",
        "Lucas",
    ],
    "ru": [
        "Анна",
        "Сергей",
        "Мария",
        "Дмитрий",
        "Елена",
        "Алексей",
        "Ольга",
        "Иван",
        "Наталья",
        "Павел",
        "Татьяна",
        "Андрей",
        "Екатерина",
        "Михаил",
    ],
    "zh": [
        "王先生",
        "李女士",
        "张先生",
        "刘女士",
        "陈先生",
        "杨女士",
        "赵先生",
        "黄女士",
        "周先生",
        "吴女士",
    ],
    "lv": [
        "Anna",
        "Jānis",
        "Līga",
        "Andris",
        "Ilze",
        "Mārtiņš",
        "Kristīne",
        "Edgars",
        "Inese",
        "Raivis",
        "Zane",
        "Artūrs",
    ],
}

AGENTS = {
    "en": ["Alex", "Jordan", "Sam", "Taylor", "Morgan", "Jamie", "Casey", "Riley"],
    "ru": ["Мария", "Алексей", "Ирина", "Никита", "Светлана", "Денис"],
    "zh": ["小王", "小李", "小张", "小陈", "小林", "小周"],
    "lv": ["Laura", "Kārlis", "Elīna", "Roberts", "Dace", "Toms"],
}

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    "lv": [
        "janvārī",
        "februārī",
        "martā",
        "aprīlī",
        "maijā",
        "jūnijā",
        "jūlijā",
        "augustā",
        "septembrī",
        "oktobrī",
        "novembrī",
        "decembrī",
    ],
}

MACRO_TITLES = {
    "en": [
        "Refund issued",
        "Delayed delivery",
        "Damaged item",
        "Password reset",
        "Cancel subscription",
        "Warranty repair",
        "Address change",
        "Payment declined",
        "Return received",
        "Outage notice",
    ],
    "ru": [
        "Возврат оформлен",
        "Задержка доставки",
        "Повреждённый товар",
        "Сброс пароля",
        "Отмена подписки",
        "Гарантийный ремонт",
        "Смена адреса",
        "Платёж отклонён",
    ],
    "zh": [
        "退款已发起",
        "物流延误",
        "商品损坏",
        "重置密码",
        "取消订阅",
        "保修维修",
        "修改地址",
        "付款失败",
    ],
    "lv": [
        "Atmaksa veikta",
        "Piegāde kavējas",
        "Bojāta prece",
        "Paroles atiestatīšana",
        "Abonementa atcelšana",
        "Garantijas remonts",
        "Adreses maiņa",
    ],
}

CATEGORIES = ["Billing", "Shipping", "Returns", "Account", "Technical", "Warranty", "General"]


@dataclass(frozen=True)
class Reply:
    """One generated reply: its parts (greeting, paragraphs, signature) and its flagged sentence."""

    parts: tuple[str, ...]
    bad_sentence: str | None
    bad_rule: str | None

    def text(self) -> str:
        return "\n\n".join(self.parts) + "\n"

    def html(self) -> str:
        return "".join(
            "<p>" + html.escape(part, quote=False).replace("\n", "<br>") + "</p>"
            for part in self.parts
        )


class Gen:
    """Reply generator over one ``random.Random``."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def _amount(self, lang: str) -> str:
        r = self.r
        if lang == "en":
            return r.choice(["$", "£", "€"]) + f"{r.randint(5, 499)}.{r.randint(0, 99):02d}"
        if lang == "ru":
            v = r.randint(290, 89990)
            return f"{v:,}".replace(",", "\u00a0") + "\u00a0₽"
        if lang == "zh":
            return f"¥{r.randint(19, 4999)}.{r.randint(0, 99):02d}"
        return f"{r.randint(5, 499)},{r.randint(0, 99):02d} €"

    def _date(self, lang: str) -> str:
        r = self.r
        d, m = r.randint(1, 28), r.randint(1, 12)
        if lang == "en":
            month = MONTHS["en"][m - 1]
            return r.choice([f"{month} {d}", f"{d} {month}", f"{d:02d}/{m:02d}"])
        if lang == "zh":
            return f"{m}月{d}日"
        if lang == "ru":
            return f"{d} {MONTHS['ru'][m - 1]}"
        return f"{d}. {MONTHS['lv'][m - 1]}"

    def _slots(self, lang: str, placeholders: bool) -> dict[str, object]:
        r = self.r
        company = r.choice(COMPANIES)
        n = r.randint(2, 7)
        slug = company.lower().replace(" ", "").replace("&", "")
        if lang == "zh":
            email_user = r.choice(["orders", "billing", "help", "support"])
        else:
            email_user = r.choice(NAMES["en"]).lower()
        code = "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(10))
        name = r.choice(NAMES[lang])
        agent = r.choice(AGENTS[lang])
        return {
            "name": NAME_PLACEHOLDER[lang] if placeholders else name,
            "agent": AGENT_PLACEHOLDER if placeholders else agent,
            "company": company,
            "product": r.choice(PRODUCTS),
            "order": str(r.randint(100000, 9999999)),
            "amount": self._amount(lang),
            "date": self._date(lang),
            "n": n,
            "m": n + r.randint(2, 7),
            "months": r.choice([6, 12, 18, 24, 36]),
            "pct": r.choice([5, 10, 15, 20, 25, 30, 50]),
            "link": f"https://track.{slug}.com/{code}",
            "email": f"{email_user}{r.randint(1, 999)}@example.com",
        }

    def reply(self, lang: str, bad: bool | None = None, placeholders: bool = False) -> Reply:
        """A reply of 3-8 sentences; ``bad``: None = with probability BAD_P."""
        r, t = self.r, TEMPLATES[lang]
        s = self._slots(lang, placeholders)
        n_sent = r.randint(3, 8)
        sentences = [r.choice(t["open"])]
        sentences += r.sample(t["body"], max(1, n_sent - 2))
        sentences.append(r.choice(t["close"]))
        if bad is None:
            bad = r.random() < BAD_P
        bad_sentence = bad_rule = None
        if bad:
            template, bad_rule = r.choice(BAD[lang])
            bad_sentence = template.format(**s)
            sentences.insert(r.randint(1, len(sentences) - 1), template)
        sentences = [x.format(**s) for x in sentences]
        steps = None
        if r.random() < STEPS_P:
            k = r.randint(2, 4)
            chosen = r.sample(t["steps"], k)
            steps = [r.choice(t["steps_intro"])]
            steps += [f"{i + 1}. {x.format(**s)}" for i, x in enumerate(chosen)]
        sep = "" if lang == "zh" else " "  # Chinese joins sentences without spaces
        paras: list[str] = []
        cur: list[str] = []
        for x in sentences:
            cur.append(x)
            if r.random() < 0.35:
                paras.append(sep.join(cur))
                cur = []
        if cur:
            paras.append(sep.join(cur))
        if steps:
            paras.insert(min(len(paras), r.randint(1, 2)), "\n".join(steps))
        parts = []
        if r.random() < 0.9:
            parts.append(r.choice(t["greet"]).format(**s))
        parts += paras
        if r.random() < 0.85:
            parts.append(r.choice(t["sign"]).format(**s))
        return Reply(tuple(parts), bad_sentence, bad_rule)

    def lang(self) -> str:
        return self.r.choices(LANGS, weights=LANG_WEIGHTS)[0]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _write(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def _short_replies(g: Gen, out: Path) -> dict[str, object]:
    """One reply per language with a flagged sentence, all about the English one's size."""
    chosen: dict[str, Reply] = {}
    low, high = SHORT_REPLY_BYTES
    for lang in ("en", "ru", "lv", "zh"):
        if lang != "en":
            size = len(chosen["en"].text().encode())
            low = int(size * (1 - SHORT_REPLY_TOLERANCE))
            high = int(size * (1 + SHORT_REPLY_TOLERANCE))
        for _ in range(100_000):
            rep = g.reply(lang, bad=True)
            if low <= len(rep.text().encode()) <= high:
                chosen[lang] = rep
                break
        else:  # pragma: no cover - the templates make this practically impossible
            raise SystemExit(f"no {lang} reply of {low}-{high} bytes")
    (out / "reply").mkdir(parents=True, exist_ok=True)
    info: dict[str, object] = {}
    for lang, rep in chosen.items():
        path = out / "reply" / f"{lang}.txt"
        _write(path, rep.text())
        info[lang] = {
            "path": f"reply/{lang}.txt",
            "bytes": path.stat().st_size,
            "chars": len(rep.text()),
            "rule": rep.bad_rule,
            "sha256": _sha256(path),
        }
    return info


def _replies(g: Gen, out: Path, count: int) -> dict[str, object]:
    folder = out / "replies"
    folder.mkdir(parents=True, exist_ok=True)
    h = hashlib.sha256()
    total = bad = 0
    for i in range(count):
        rep = g.reply("en")
        name = f"en_{i:04d}.txt"
        data = rep.text().encode()
        (folder / name).write_bytes(data)
        h.update(name.encode() + b"\0" + data)
        total += len(data)
        bad += rep.bad_rule is not None
    return {
        "path": "replies",
        "files": count,
        "with_bad": bad,
        "bytes": total,
        "sha256": h.hexdigest(),
    }


def _big(g: Gen, out: Path, target: int, slice_target: int) -> dict[str, object]:
    """English replies separated by blank lines up to ``target`` bytes, and a prefix slice."""
    chunks: list[str] = []
    size = replies = slice_end = slice_replies = 0
    while size < target:
        chunk = g.reply("en").text() + "\n"
        n = len(chunk.encode())
        if size + n <= slice_target:
            slice_end, slice_replies = len(chunks) + 1, replies + 1
        chunks.append(chunk)
        size += n
        replies += 1
    big, part = out / "big_en.txt", out / "big_en_slice.txt"
    _write(big, "".join(chunks))
    _write(part, "".join(chunks[:slice_end]))
    return {
        "big_en.txt": {
            "path": "big_en.txt",
            "replies": replies,
            "bytes": big.stat().st_size,
            "sha256": _sha256(big),
        },
        "big_en_slice.txt": {
            "path": "big_en_slice.txt",
            "replies": slice_replies,
            "bytes": part.stat().st_size,
            "sha256": _sha256(part),
        },
    }


def _macros(g: Gen, out: Path, count: int) -> tuple[dict[str, object], list[dict[str, object]]]:
    """A Zendesk macros export; returns its summary and the bad macros."""
    r = g.r
    macros: list[dict[str, object]] = []
    bad_macros: list[dict[str, object]] = []
    per_lang = dict.fromkeys(LANGS, 0)
    html_count = 0
    for i in range(count):
        lang = g.lang()
        rep = g.reply(lang, placeholders=r.random() < PLACEHOLDER_P)
        per_lang[lang] += 1
        mid = 360000000000 + i * 7 + r.randint(0, 6)
        title = f"{r.choice(CATEGORIES)}::{r.choice(MACRO_TITLES[lang])} ({lang.upper()}) #{i}"
        if r.random() < HTML_P:
            html_count += 1
            actions = [{"field": "comment_value_html", "value": rep.html()}]
        else:
            actions = [{"field": "comment_value", "value": rep.text()}]
        if r.random() < 0.5:
            actions.append({"field": "status", "value": r.choice(["solved", "pending", "open"])})
        if r.random() < 0.3:
            actions.append(
                {"field": "set_tags", "value": f"macro_{lang} {r.choice(CATEGORIES).lower()}"}
            )
        month, day, hour, minute = (
            r.randint(1, 12),
            r.randint(1, 28),
            r.randint(0, 23),
            r.randint(0, 59),
        )
        created = (r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59))
        macros.append(
            {
                "url": f"https://example.zendesk.com/api/v2/macros/{mid}.json",
                "id": mid,
                "title": title,
                "active": r.random() < 0.95,
                "updated_at": f"2024-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00Z",
                "created_at": "2022-{:02d}-{:02d}T{:02d}:{:02d}:00Z".format(*created),
                "description": None,
                "actions": actions,
                "restriction": None,
                "position": i,
                "raw_title": title,
            }
        )
        if rep.bad_rule is not None:
            bad_macros.append(
                {
                    "id": mid,
                    "index": i,
                    "title": title,
                    "lang": lang,
                    "rule": rep.bad_rule,
                    "sentence": rep.bad_sentence,
                    "html": actions[0]["field"] != "comment_value",
                }
            )
    path = out / "macros.json"
    export = {"macros": macros, "next_page": None, "previous_page": None, "count": len(macros)}
    with path.open("w", encoding="utf-8", newline="\n") as f:
        json.dump(export, f, ensure_ascii=False, indent=1)
        f.write("\n")
    summary = {
        "path": "macros.json",
        "macros": count,
        "per_lang": per_lang,
        "html": html_count,
        "with_bad": len(bad_macros),
        "bytes": path.stat().st_size,
        "sha256": _sha256(path),
    }
    return summary, bad_macros


def parameters(seed: int, quick: bool) -> dict[str, float | int]:
    """What determines the corpus: same parameters, same bytes."""
    return {"format": FORMAT, "seed": seed, **(QUICK if quick else FULL)}


def generate(out: Path, seed: int = DEFAULT_SEED, quick: bool = False) -> dict[str, object]:
    """Write the corpus into ``out`` and return its manifest (also written as manifest.json)."""
    params = parameters(seed, quick)
    out.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, object] = {}
    # An independent sub-seed per output: changing one size does not shift the others.
    outputs["reply"] = _short_replies(Gen(seed * 10 + 1), out)
    outputs["replies"] = _replies(Gen(seed * 10 + 2), out, int(params["replies"]))
    big, part = int(params["big_mb"] * 1e6), int(params["slice_mb"] * 1e6)
    outputs.update(_big(Gen(seed * 10 + 3), out, big, part))
    summary, bad = _macros(Gen(seed * 10 + 5), out, int(params["macros"]))
    outputs["macros.json"] = summary
    _write(out / "empty.txt", "")
    manifest = {"parameters": params, "outputs": outputs, "bad_macros": bad}
    with (out / "manifest.json").open("w", encoding="utf-8", newline="\n") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return manifest


def _files(manifest: dict[str, object]) -> list[tuple[str, dict[str, object]]]:
    """(name, summary) of every output in a manifest, the short replies one by one."""
    outputs: dict[str, dict[str, object]] = manifest["outputs"]  # type: ignore[assignment]
    rows = []
    for name, info in outputs.items():
        if "sha256" in info:
            rows.append((name, info))
        else:
            rows += [(f"{name}/{lang}", one) for lang, one in info.items()]  # type: ignore[misc]
    return rows


def load_manifest(out: Path) -> dict[str, object] | None:
    """The manifest of a corpus in ``out``, or None when there is none (or it is unreadable)."""
    try:
        with (out / "manifest.json").open(encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--out", type=Path, default=Path("bench-corpus"), help="output directory")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--quick", action="store_true", help="smaller inputs")
    a = ap.parse_args(argv)
    manifest = generate(a.out, a.seed, a.quick)
    for name, info in _files(manifest):
        print(f"{name:<22} {info['bytes']:>12,} bytes  sha256 {str(info['sha256'])[:16]}")
    print(f"bad macros: {len(manifest['bad_macros'])}")  # type: ignore[arg-type]
    print(f"written to {os.fspath(a.out)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
