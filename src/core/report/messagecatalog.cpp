// SPDX-License-Identifier: GPL-3.0-or-later
// What the detectors say about a finding, in English (exactly the report's
// text) and Russian. One row per message id; `issues` of a translation show
// in the translations_complete test (tests/tools/check-category-titles.py).
#include "messagecatalog.h"

#include "catalogrow.h"
#include "message.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <array>

namespace packetlens {

namespace {
using Row = CatalogueRow;

constexpr std::array kRows = {
    // Shared phrases.
    Row{"common.none", "(none)", "(нет)"},
    // Its arguments one after the other (phrases that bring their own separators).
    Row{"common.concat", "%1%2%3%4%5%6%7%8%9", "%1%2%3%4%5%6%7%8%9"},
    // Several findings of one category from one source, merged into the worst.
    Row{"merged.summary", "%1 — and %2 more %3 finding%4 from %5 (%6 destinations in all)",
        "%1 — и ещё находки категории «%3» от %5: %2 (всего адресов назначения: %6)"},

    // The report's recommendations[]: one piece of advice per category.
    Row{"advice.port_scan", "Find the owners of scanning hosts; block unauthorised scanners and close services that should not be reachable.",
        "Найдите владельцев сканирующих узлов; заблокируйте несанкционированные сканеры и закройте службы, которые не должны быть доступны."},
    Row{"advice.host_sweep",
        "Treat unexplained network discovery as the first step of an intrusion: isolate the sweeping host and review its later connections.",
        "Считайте необъяснимое обследование сети первым шагом вторжения: изолируйте опрашивающий узел и проверьте его последующие подключения."},
    Row{"advice.syn_flood", "Enable SYN cookies and upstream rate limiting for the targeted services.",
        "Включите SYN cookies и ограничение скорости в вышестоящей сети для атакуемых служб."},
    Row{"advice.udp_flood", "Filter or rate-limit the flooding UDP traffic upstream; for DHCP floods enable DHCP snooping.",
        "Отфильтруйте или ограничьте флуд UDP в вышестоящей сети; против DHCP-флуда включите DHCP snooping."},
    Row{"advice.tcp_flood",
        "Drop TCP packets that belong to no connection at the edge (stateful firewall or SYN proxy) and rate-limit the attacked service.",
        "Отбрасывайте на границе сети TCP-пакеты, не относящиеся ни к одному соединению (межсетевой экран с контролем состояния или "
        "SYN-прокси), и ограничьте скорость для атакуемой службы."},
    Row{"advice.icmp_flood", "Rate-limit ICMP echo at the edge and stop directed/multicast echo amplification.",
        "Ограничьте эхо-запросы ICMP на границе сети и пресеките усиление через направленные и групповые эхо-запросы."},
    Row{"advice.ddos", "Engage upstream DDoS mitigation and filter by the attack's signature.",
        "Подключите защиту от DDoS в вышестоящей сети и фильтруйте трафик по признакам атаки."},
    Row{"advice.dns_tunneling",
        "Block the tunnelling domains at the resolver, force DNS through internal resolvers, and investigate the querying hosts.",
        "Заблокируйте домены туннелей на DNS-резолвере, направьте DNS только через внутренние резолверы и проверьте запрашивающие узлы."},
    Row{"advice.dga",
        "Isolate hosts resolving machine-generated domains and look for the malware; sinkhole or block the family's domains at the resolver.",
        "Изолируйте узлы, запрашивающие сгенерированные домены, и найдите вредоносную программу; перенаправьте или заблокируйте домены "
        "этого семейства на DNS-резолвере."},
    Row{"advice.name_poisoning",
        "Disable LLMNR and NetBIOS over TCP/IP by group policy, require SMB signing, and treat credentials used on the network as exposed.",
        "Отключите LLMNR и NetBIOS через TCP/IP групповой политикой, включите обязательную подпись SMB и считайте учётные данные, "
        "использованные в сети, раскрытыми."},
    Row{"advice.icmp_tunneling",
        "Allow ICMP echo out only from monitoring hosts, cap echo payload size at the firewall, and investigate the hosts tunnelling.",
        "Разрешите исходящие эхо-запросы ICMP только узлам мониторинга, ограничьте размер данных эхо-запросов на межсетевом экране и "
        "проверьте узлы, передающие данные через туннель."},
    Row{"advice.beaconing", "Identify the process behind each beacon; unknown periodic callers are likely C2 implants.",
        "Найдите процесс, стоящий за каждым маячком: неизвестные периодические обращения — вероятно, импланты C2."},
    Row{"advice.brute_force", "Block brute-forcing sources, check for successful logins, and enforce lockout and MFA.",
        "Заблокируйте источники подбора паролей, проверьте успешные входы и включите блокировку учётных записей и MFA."},
    Row{"advice.arp_spoofing",
        "Disconnect the spoofing device, enable Dynamic ARP Inspection, and assume traffic of affected hosts was intercepted.",
        "Отключите подменяющее устройство, включите Dynamic ARP Inspection и считайте трафик затронутых узлов перехваченным."},
    Row{"advice.cleartext_credentials", "Reset exposed passwords and replace cleartext protocols with encrypted ones.",
        "Смените раскрытые пароли и замените протоколы с открытой передачей на зашифрованные."},
    Row{"advice.suspicious_port", "Investigate hosts talking on backdoor/C2 ports and block those ports at the perimeter.",
        "Проверьте узлы, обменивающиеся данными через порты бэкдоров и C2, и заблокируйте эти порты на периметре."},
    Row{"advice.protocol_mismatch", "Review services speaking protocols on unusual ports; restrict egress to expected ports.",
        "Проверьте службы, использующие протоколы на необычных портах; ограничьте исходящий трафик ожидаемыми портами."},
    Row{"advice.malformed_traffic", "Find hosts sending crafted packets; keep IDS and host network stacks patched.",
        "Найдите узлы, отправляющие специально построенные пакеты; своевременно обновляйте IDS и сетевые стеки узлов."},
    Row{"advice.ioc_match", "Hosts that contacted listed indicators should be investigated for compromise.",
        "Узлы, обращавшиеся к индикаторам из списков, нужно проверить на компрометацию."},

    // The health section's items (src/core/health/healthkinds.cpp names the kinds):
    // "health.<kind>.noun" counts in a summary, "health.<kind>.meaning" says what it usually means.
    Row{"health.tcp_retransmission.noun", "retransmissions", "Повторные передачи"},
    Row{"health.tcp_retransmission.meaning",
        "Segments were sent again because no acknowledgement came in time: packets are lost on the path, or the "
        "receiver answers too slowly.",
        "Сегменты отправлялись повторно, потому что подтверждение не пришло вовремя: пакеты теряются в пути или "
        "получатель отвечает слишком медленно."},
    Row{"health.tcp_fast_retransmission.noun", "fast retransmissions", "Быстрые повторные передачи"},
    Row{"health.tcp_fast_retransmission.meaning",
        "The receiver asked for a missing segment with duplicate ACKs and got it at once: a packet was lost, and "
        "TCP recovered quickly.",
        "Получатель запросил недостающий сегмент дублирующимися ACK и сразу получил его: пакет был потерян, и TCP "
        "быстро восстановился."},
    Row{"health.tcp_spurious_retransmission.noun", "spurious retransmissions", "Ложные повторные передачи"},
    Row{"health.tcp_spurious_retransmission.meaning",
        "Data the receiver had already acknowledged was sent again: the sender's retransmission timer is too short "
        "for the path's delay, or ACKs were lost.",
        "Данные, которые получатель уже подтвердил, были отправлены снова: таймер повторной передачи отправителя "
        "слишком короток для задержки пути или ACK были потеряны."},
    Row{"health.tcp_out_of_order.noun", "out-of-order segments", "Сегменты не по порядку"},
    Row{"health.tcp_out_of_order.meaning",
        "Segments arrived after later ones: traffic is spread over several paths or reordered by a device.",
        "Сегменты пришли позже следующих за ними: трафик распределяется по нескольким путям или "
        "переупорядочивается каким-то устройством."},
    Row{"health.tcp_lost_segment.noun", "gaps (previous segment not captured)", "Пропуски (предыдущий сегмент не захвачен)"},
    Row{"health.tcp_lost_segment.meaning",
        "Sequence numbers skipped ahead: a segment was lost before the capture point, or the capture dropped it.",
        "Порядковые номера перескочили вперёд: сегмент потерян до точки захвата или захват его пропустил."},
    Row{"health.tcp_ack_lost_segment.noun", "ACKs of unseen segments", "ACK для незахваченных сегментов"},
    Row{"health.tcp_ack_lost_segment.meaning",
        "Data was acknowledged that the capture never saw: the capture missed packets (an overloaded mirror port) "
        "or the traffic took another path.",
        "Подтверждены данные, которых захват не видел: захват пропустил пакеты (перегруженный зеркальный порт) или "
        "трафик шёл другим путём."},
    Row{"health.tcp_duplicate_ack.noun", "duplicate ACKs", "Дублирующиеся ACK"},
    Row{"health.tcp_duplicate_ack.meaning",
        "The receiver repeats its acknowledgement: a segment is missing or out of order and it asks for it again.",
        "Получатель повторяет подтверждение: сегмент отсутствует или пришёл не по порядку, и получатель "
        "запрашивает его снова."},
    Row{"health.tcp_zero_window.noun", "zero-window advertisements", "Объявления нулевого окна"},
    Row{"health.tcp_zero_window.meaning",
        "The receiver's buffer is full: the receiving application cannot keep up, and the sender has to stop.",
        "Буфер получателя заполнен: принимающее приложение не успевает, и отправителю приходится остановиться."},
    Row{"health.tcp_zero_window_probe.noun", "zero-window probes", "Пробы нулевого окна"},
    Row{"health.tcp_zero_window_probe.meaning",
        "The sender probes a receiver whose window is closed: transfers stall until the receiver reads its data.",
        "Отправитель проверяет получателя с закрытым окном: передача стоит, пока получатель не прочитает свои "
        "данные."},
    Row{"health.tcp_window_full.noun", "window-full segments", "Сегменты, заполнившие окно"},
    Row{"health.tcp_window_full.meaning",
        "The sender filled the receiver's whole advertised window and must wait: the window is too small for the "
        "path, or the receiver is slow.",
        "Отправитель заполнил всё объявленное окно получателя и должен ждать: окно слишком мало для пути или "
        "получатель медленный."},
    Row{"health.tcp_keep_alive.noun", "keep-alives", "Сообщения keep-alive"},
    Row{"health.tcp_keep_alive.meaning",
        "Probes on an idle connection: normal for long-lived idle sessions; many of them mean sessions held open "
        "without traffic.",
        "Пробы на простаивающем соединении: нормально для долгих сеансов без трафика; если их много, сеансы "
        "держатся открытыми без нужды."},
    Row{"health.tcp_reused_ports.noun", "reused port pairs", "Повторно использованные пары портов"},
    Row{"health.tcp_reused_ports.meaning",
        "A new connection reused the address and port pair of an earlier one: many short connections, or NAT "
        "recycling ports quickly.",
        "Новое соединение повторно использовало пару адресов и портов прежнего: много коротких соединений или NAT "
        "быстро переиспользует порты."},
    Row{"health.tcp_reset.noun", "resets (RST)", "Сбросы (RST)"},
    Row{"health.tcp_reset.meaning",
        "Connections were aborted with RST: a service closing abruptly, a firewall rejecting, or an application "
        "failing.",
        "Соединения прерывались с RST: служба резко закрывает их, межсетевой экран отклоняет или приложение даёт "
        "сбой."},
    Row{"health.tcp_refused.noun", "refused connection attempts", "Отклонённые попытки соединения"},
    Row{"health.tcp_refused.meaning",
        "Connection attempts were answered with RST: nothing listens on that port, or a firewall rejects it.",
        "На попытки соединения ответили RST: на этом порту ничего не слушает или межсетевой экран их отклоняет."},
    Row{"health.tcp_unanswered.noun", "unanswered connection attempts", "Попытки соединения без ответа"},
    Row{"health.tcp_unanswered.meaning",
        "Connection attempts got no answer: the host is down or unreachable, or a firewall drops them silently.",
        "Попытки соединения остались без ответа: узел выключен или недоступен, или межсетевой экран молча их "
        "отбрасывает."},
    Row{"health.dns_unanswered.noun", "DNS queries without a response", "DNS-запросы без ответа"},
    Row{"health.dns_unanswered.meaning",
        "The server did not answer: it is down, unreachable or overloaded, or the answers are dropped on the way.",
        "Сервер не ответил: он выключен, недоступен или перегружен, или ответы теряются по пути."},
    Row{"health.dns_servfail.noun", "SERVFAIL answers", "Ответы SERVFAIL"},
    Row{"health.dns_servfail.meaning",
        "The server could not resolve the name: its upstream servers or the domain's own servers fail, or DNSSEC "
        "validation failed.",
        "Сервер не смог разрешить имя: сбоят его вышестоящие серверы или собственные серверы домена, либо не "
        "прошла проверка DNSSEC."},
    Row{"health.dns_refused.noun", "REFUSED answers", "Ответы REFUSED"},
    Row{"health.dns_refused.meaning",
        "The server refused to answer: the client may not use it (a wrong resolver configured) or it does not "
        "serve that zone.",
        "Сервер отказался отвечать: клиенту не разрешено им пользоваться (настроен не тот резолвер) или он не "
        "обслуживает эту зону."},
    Row{"health.dns_nxdomain.noun", "NXDOMAIN answers", "Ответы NXDOMAIN"},
    Row{"health.dns_nxdomain.meaning",
        "The names asked for do not exist: typos, stale configuration (search domains, old hosts), or software "
        "generating random names.",
        "Запрошенных имён не существует: опечатки, устаревшие настройки (домены поиска, старые узлы) или "
        "программа, порождающая случайные имена."},
    Row{"health.dns_slow.noun", "slow DNS answers", "Медленные ответы DNS"},
    Row{"health.dns_slow.meaning",
        "Answers take long: an overloaded or distant resolver; every connection that needs a name waits for it.",
        "Ответы приходят долго: перегруженный или удалённый резолвер; каждое соединение, которому нужно имя, ждёт "
        "его."},
    Row{"health.http_client_error.noun", "HTTP 4xx responses", "Ответы HTTP 4xx"},
    Row{"health.http_client_error.meaning",
        "The server rejected requests: broken links, missing authentication, or clients asking for what does not "
        "exist.",
        "Сервер отклонил запросы: битые ссылки, отсутствие аутентификации или клиенты запрашивают то, чего нет."},
    Row{"health.http_server_error.noun", "HTTP 5xx responses", "Ответы HTTP 5xx"},
    Row{"health.http_server_error.meaning",
        "The server failed to answer: application errors, overload, or a broken backend behind a proxy.",
        "Сервер не смог ответить: ошибки приложения, перегрузка или сбой серверной части за прокси."},
    Row{"health.http_slow.noun", "slow HTTP responses", "Медленные ответы HTTP"},
    Row{"health.http_slow.meaning",
        "Responses take long: an overloaded server or a slow backend.",
        "Ответы приходят долго: перегруженный сервер или медленная серверная часть."},
    Row{"health.tls_alert.noun", "TLS alerts", "Предупреждения TLS"},
    Row{"health.tls_alert.meaning",
        "A TLS handshake was refused: certificate not trusted, no protocol version or cipher in common, or a "
        "missing server name.",
        "Рукопожатие TLS отклонено: сертификату не доверяют, нет общей версии протокола или шифра, либо не указано "
        "имя сервера."},
    Row{"health.tls_slow_handshake.noun", "slow TLS handshakes", "Медленные рукопожатия TLS"},
    Row{"health.tls_slow_handshake.meaning",
        "Setting up TLS takes long: a slow server, a long certificate chain, or a distant peer.",
        "Установка TLS занимает много времени: медленный сервер, длинная цепочка сертификатов или удалённый узел."},
    Row{"health.icmp_unreachable.noun", "destination-unreachable messages", "Сообщения «получатель недоступен»"},
    Row{"health.icmp_unreachable.meaning",
        "Packets could not be delivered: no route, a host that is down, a closed UDP port, or a firewall "
        "rejecting.",
        "Пакеты не удалось доставить: нет маршрута, узел выключен, порт UDP закрыт или межсетевой экран отклоняет "
        "их."},
    Row{"health.icmp_time_exceeded.noun", "time-exceeded messages", "Сообщения «время жизни истекло»"},
    Row{"health.icmp_time_exceeded.meaning",
        "Packets ran out of hops (TTL): a routing loop, or a traceroute.",
        "У пакетов закончились переходы (TTL): петля маршрутизации или traceroute."},
    Row{"health.fragmentation_needed.noun", "fragmentation-needed messages", "Сообщения «нужна фрагментация»"},
    Row{"health.fragmentation_needed.meaning",
        "A router could not forward a packet without fragmenting it: the path MTU is smaller than the sender "
        "assumes (tunnels, VPN); transfers stall if these messages are blocked.",
        "Маршрутизатор не смог переслать пакет без фрагментации: MTU пути меньше, чем предполагает отправитель "
        "(туннели, VPN); если эти сообщения блокируются, передачи зависают."},
    Row{"health.oversized_frame.noun", "frames larger than the Ethernet MTU", "Кадры больше MTU Ethernet"},
    Row{"health.oversized_frame.meaning",
        "Frames beyond 1518 bytes: jumbo frames, or segmentation offload on the capturing host (then not a network "
        "problem).",
        "Кадры длиннее 1518 байт: jumbo-кадры или разгрузка сегментации на захватывающем узле (тогда это не "
        "проблема сети)."},
    Row{"health.dhcp_no_ack.noun", "DHCP requests without an ACK", "Запросы DHCP без ACK"},
    Row{"health.dhcp_no_ack.meaning",
        "A client asked for an address and got no ACK: no DHCP server reachable, an exhausted pool, a NAK, or a "
        "relay problem.",
        "Клиент запросил адрес и не получил ACK: DHCP-сервер недоступен, пул исчерпан, пришёл NAK или неисправен "
        "ретранслятор."},
    Row{"health.arp_unanswered.noun", "unanswered ARP requests", "Запросы ARP без ответа"},
    Row{"health.arp_unanswered.meaning",
        "Nobody answers for this address: the host is down or the address is not in use.",
        "За этот адрес никто не отвечает: узел выключен или адрес не используется."},
    Row{"health.duplicate_ip.noun", "devices claiming the address", "Устройства, заявляющие адрес"},
    Row{"health.duplicate_ip.meaning",
        "Two devices use the same IP address: a static address that clashes with another host or the DHCP pool.",
        "Два устройства используют один IP-адрес: статический адрес конфликтует с другим узлом или с пулом DHCP."},
    Row{"health.broadcast_heavy.noun", "broadcast and multicast packets", "Широковещательные и групповые пакеты"},
    Row{"health.broadcast_heavy.meaning",
        "A large share of the traffic goes to everyone: a broadcast storm, a switching loop, or chatty discovery "
        "protocols.",
        "Большая доля трафика идёт всем: широковещательный шторм, петля коммутации или «болтливые» протоколы "
        "обнаружения."},
    Row{"health.summary", "%1 %2%3%4", "%2%3: %1%4"},
    Row{"health.where.sent_by", " sent by %1", " от %1"},
    Row{"health.where.to", " to %1", " к %1"},
    Row{"health.where.to_server", " sent to server %1", " к серверу %1"},
    Row{"health.where.for_client", " for client %1", " для клиента %1"},
    Row{"health.where.from_client", " from client %1", " от клиента %1"},
    Row{"health.where.for", " for %1", " для %1"},
    Row{"health.where.with_server", " with server %1", " с сервером %1"},
    Row{"health.where.plain", " %1", " %1"},
    Row{"health.where.from", " from %1", " от %1"},
    Row{"health.seconds", "%1 s", "%1 с"},
    Row{"health.milliseconds", "%1 ms", "%1 мс"},
    Row{"health.detail.slow", " (over %1, of %2; median %3, max %4)", " (дольше %1, из %2; медиана %3, максимум %4)"},
    Row{"health.detail.duplicate", " (each asks with it as its own address in ARP requests)",
        " (каждое указывает его как собственный адрес в запросах ARP)"},
    Row{"health.detail.broadcast", " (%1% of all packets)", " (%1% всех пакетов)"},
    Row{"health.detail.one_of", " (one of %1 with this problem)", " (один из %1 с этой проблемой)"},

    // The report's timeline_events[].
    Row{"timeline.first_query", "First query for %1 (by %2)", "Первый запрос %1 (от %2)"},
    Row{"timeline.new_service", "New service: %1 answered on tcp/%2 (to %3)", "Новая служба: %1 ответил на tcp/%2 (для %3)"},
    Row{"timeline.first_contact.from", "First contact with %1 (from %2, %3)", "Первый контакт с %1 (от %2, %3)"},
    Row{"timeline.first_contact.to", "First contact with %1 (to %2, %3)", "Первый контакт с %1 (к %2, %3)"},
    Row{"timeline.retransmission_burst", "Burst of %1 TCP retransmissions in %2 s (sent by %3)",
        "Всплеск повторных передач TCP за %2 с: %1 (отправили %3)"},
    Row{"timeline.capture_gap", "No packets for %1 s", "Нет пакетов в течение %1 с"},
    Row{"timeline.capture_start", "Capture starts (%1 packets over %2 s)", "Начало захвата (пакетов: %1 за %2 с)"},
    Row{"timeline.capture_end", "Capture ends", "Конец захвата"},
    Row{"timeline.finding_start", "%1 starts: %2", "Начало %1: %2"},
    Row{"timeline.finding_end", "%1 ends (%2)", "Конец %1 (%2)"},

    // arp_spoofing
    Row{"arp.claim.summary", "%1 claimed %2, which %3 also claims%4 (%5 ARP messages, %6 unsolicited replies)%7",
        "%1 заявил адрес %2, который %4 %3 (сообщений ARP: %5, незапрошенных ответов: %6)%7"},
    Row{"list.and_more", "%1 and %2 more", "%1 и ещё %2"},
    Row{"arp.claim.also", "; also claimed %1", "; также заявил %1"},
    Row{"arp.claim.same_time", " at the same time", "одновременно заявляет и"},
    Row{"arp.claim.earlier", " earlier", "ранее заявлял"},
    Row{"arp.claim.threshold", "one IP address claimed by ≥2 MAC addresses", "один IP-адрес заявлен ≥2 MAC-адресами"},
    Row{"arp.claim.recommendation",
        "Find the switch port of %1 and disconnect it; enable Dynamic ARP Inspection and check traffic of hosts that talked to %2 for interception.",
        "Найдите порт коммутатора, к которому подключён %1, и отключите его; включите Dynamic ARP Inspection и проверьте трафик узлов, "
        "обращавшихся к %2, на перехват."},
    Row{"arp.relay.summary",
        "%1 sent %2 unsolicited ARP replies claiming %3 and relays traffic of %4 remote addresses that %5 also delivers: a man in the middle",
        "%1 отправил незапрошенные ответы ARP (%2 шт.), заявляя адреса %3, и пересылает трафик удалённых адресов (%4 шт.), который "
        "доставляет и %5: атака «человек посередине»"},
    Row{"arp.relay.threshold", "unsolicited ARP replies from a MAC that relays other hosts' traffic",
        "незапрошенные ответы ARP от MAC-адреса, который пересылает трафик других узлов"},
    Row{"arp.relay.recommendation",
        "Find the switch port of %1 and disconnect it; enable Dynamic ARP Inspection and treat traffic of the poisoned hosts as intercepted.",
        "Найдите порт коммутатора, к которому подключён %1, и отключите его; включите Dynamic ARP Inspection и считайте трафик "
        "отравленных узлов перехваченным."},
    Row{"arp.burst.summary", "%1 sent %2 gratuitous or unsolicited ARP replies within %3 s for %4",
        "%1 за %3 с отправил самопроизвольные или незапрошенные ответы ARP (%2 шт.) для %4"},
    Row{"arp.burst.threshold", "≥%1 gratuitous/unsolicited replies in %2 s", "≥%1 самопроизвольных/незапрошенных ответов за %2 с"},
    Row{"arp.burst.recommendation",
        "Check what device owns %1; bursts of unsolicited ARP replies are how ARP poisoning tools work. Enable Dynamic ARP Inspection.",
        "Выясните, какому устройству принадлежит %1: всплески незапрошенных ответов ARP — признак инструментов отравления ARP. "
        "Включите Dynamic ARP Inspection."},

    // beaconing
    Row{"beacon.summary", "%1 contacted %2:%3/%4 %5 times, every %6 s (median) with little variation%7",
        "%1 обращался к %2:%3/%4 каждые %6 с (медиана) с малым разбросом, обращений: %5%7"},
    Row{"beacon.fleet", "; %1 hosts do the same (a managed service?)", "; так же ведут себя узлов: %1 (управляемая служба?)"},
    Row{"beacon.threshold", "≥%1 contacts, score ≥%2 (skew, MAD/median, coverage)",
        "≥%1 обращений, оценка ≥%2 (асимметрия, MAD/медиана, охват)"},
    Row{"beacon.recommendation",
        "Check which process on %1 talks to %2 on a timer (EDR, netstat); if it is not a known updater or monitoring agent, treat %1 as compromised.",
        "Проверьте, какой процесс на %1 обращается к %2 по таймеру (EDR, netstat); если это не известное средство обновления или агент "
        "мониторинга, считайте %1 скомпрометированным."},

    // brute_force
    Row{"brute.summary", "%1 made %2 %3 login attempts against %4 in %5 (%6 failed logins seen, %7 short sessions)",
        "%1 пытался войти в %3 на %4 за %5, попыток: %2 (неудачных входов: %6, коротких сеансов: %7)"},
    Row{"brute.summary.form", "%1 submitted %2 HTTP login forms to %3 in %4, trying %5 different passwords for %6 user names",
        "%1 отправил формы входа HTTP на %3 за %4 (%2 шт.), перебирая разные пароли (%5 шт.) для имён пользователей (%6 шт.)"},
    Row{"brute.threshold", "≥%1 failed logins or short sessions in %2 min", "≥%1 неудачных входов или коротких сеансов за %2 мин"},
    Row{"brute.recommendation",
        "Block %1 at the firewall, check %2's %3 logs for a successful login after the attempts, and enforce lockout and MFA on the service.",
        "Заблокируйте %1 на межсетевом экране, проверьте журналы %3 на %2 на успешный вход после попыток и включите блокировку "
        "учётных записей и MFA для службы."},

    // cleartext_credentials
    Row{"cleartext.summary", "%1 sent %2 credentials in cleartext to %3 (%4 login%5, user%6 %7; passwords masked)%8",
        "%1 передал учётные данные %2 открытым текстом на %3 (входов: %4, пользователи: %7; пароли скрыты)%8"},
    Row{"cleartext.anonymous", " — anonymous login", " — анонимный вход"},
    Row{"cleartext.threshold", "any credential sent without encryption", "любые учётные данные, переданные без шифрования"},
    Row{"cleartext.recommendation.anonymous",
        "Anonymous %1 is in use on %2; make sure nothing sensitive is published there and prefer SFTP/HTTPS.",
        "На %2 используется анонимный %1: убедитесь, что там не публикуется ничего важного, и предпочитайте SFTP/HTTPS."},
    Row{"cleartext.recommendation",
        "Change the exposed passwords of %1 and switch %2 on %3 to an encrypted alternative (SFTP/FTPS, SSH, HTTPS, IMAPS/POP3S, SMTP with STARTTLS).",
        "Смените раскрытые пароли (%1) и замените %2 на %3 зашифрованной альтернативой (SFTP/FTPS, SSH, HTTPS, IMAPS/POP3S, "
        "SMTP со STARTTLS)."},

    // dns_tunneling
    Row{"dns.summary", "%1 sent %2 queries %3: %4%5", "%1 отправил запросы %3 (%2 шт.): %4%5"},
    Row{"dns.summary.clients", "%6 clients sent %2 queries %3 (%1 the most, %7): %4%5",
        "Запросы %3 (%2 шт.) отправили клиенты (всего %6; больше всех — %1, %7): %4%5"},
    Row{"dns.under", "under %1", "в домене %1"},
    Row{"dns.direct", "with no registered domain straight to the DNS server %1",
        "без зарегистрированного домена напрямую на DNS-сервер %1"},
    Row{"dns.why.unique", "%1 unique subdomains", "уникальных поддоменов: %1"},
    Row{"dns.why.odd", "%1 long or random-looking names (longest label %2)",
        "длинных или случайных на вид имён: %1 (самая длинная метка — %2)"},
    Row{"dns.why.txt", "%1% TXT/NULL queries", "запросов TXT/NULL: %1%"},
    Row{"dns.example", " (e.g. %1)", " (например, %1)"},
    Row{"dns.threshold", "≥%1 unique subdomains, or ≥%2 names with a label >%3 chars or entropy ≥%4, or ≥%5% TXT/NULL",
        "≥%1 уникальных поддоменов, или ≥%2 имён с меткой длиннее %3 символов или энтропией ≥%4, или ≥%5% запросов TXT/NULL"},
    Row{"dns.recommendation",
        "Inspect %1 for tunnelling or exfiltration software; block %2 at the resolver and allow DNS only through the internal resolvers.",
        "Проверьте %1 на программы туннелирования или вывода данных; заблокируйте %2 на DNS-резолвере и разрешите DNS только через "
        "внутренние резолверы."},

    Row{"dns.recommendation.clients",
        "Inspect the %3 clients, %1 first, for tunnelling or exfiltration software (or, if they are resolvers, the hosts behind them); "
        "block %2 at the resolver and allow DNS only through the internal resolvers.",
        "Проверьте клиентов (всего %3; в первую очередь %1) на программы туннелирования или вывода данных (а если это резолверы — узлы "
        "за ними); заблокируйте %2 на DNS-резолвере и разрешите DNS только через внутренние резолверы."},

    // name_poisoning
    Row{"poison.summary", "%1 answered local name lookups (%4) for %2 different names from %3 hosts, e.g. %5: a host answers only for its own name",
        "%1 отвечал на локальные запросы имён (%4) для разных имён (%2 шт.) от узлов (%3 шт.), например %5: узел отвечает только за своё имя"},
    Row{"poison.threshold", "one host answering LLMNR or broadcast NBT-NS lookups for ≥%1 different names",
        "один узел отвечает на запросы LLMNR или широковещательные NBT-NS для ≥%1 разных имён"},
    Row{"poison.recommendation",
        "Find %1 and stop it (Responder or Inveigh is likely running); reset the passwords of accounts whose hashes it may have captured and "
        "disable LLMNR and NBT-NS.",
        "Найдите %1 и остановите его (вероятно, запущен Responder или Inveigh); смените пароли учётных записей, хеши которых он мог "
        "перехватить, и отключите LLMNR и NBT-NS."},

    // dga
    Row{"dga.summary",
        "%1 was told %2 machine-generated-looking domains do not exist (%3 nonexistent domains in all; %4 within %5 s), e.g. %6",
        "%1 получил ответ «нет такого домена» для сгенерированных на вид доменов (%2 шт.; всего несуществующих доменов: %3; "
        "%4 за %5 с), например %6"},
    Row{"dga.threshold", "≥%1 generated-looking domains answered NXDOMAIN within %2 s",
        "≥%1 сгенерированных на вид доменов с ответом NXDOMAIN за %2 с"},
    Row{"dga.recommendation",
        "Isolate %1 and look for malware with a domain generation algorithm; a domain of its list that resolves is its command server.",
        "Изолируйте %1 и найдите вредоносную программу с алгоритмом генерации доменов; домен из её списка, который разрешается, — её "
        "командный сервер."},

    // icmp_tunneling
    Row{"icmp_tunnel.summary", "%1 exchanged %3 ICMP echo requests and %4 replies with %2 carrying %5 bytes of data: %6",
        "%1 обменялся с %2 эхо-запросами ICMP (%3 шт.) и ответами (%4 шт.), несущими %5 байт данных: %6"},
    Row{"icmp_tunnel.why.differing", "%1 of %2 replies carry other data than their request (a ping echoes it)",
        "%1 из %2 ответов несут не те данные, что запрос (ping возвращает их без изменений)"},
    Row{"icmp_tunnel.why.random", "%1 of %2 payloads examined look random (encrypted or compressed data)",
        "%1 из %2 проверенных полезных нагрузок выглядят случайными (зашифрованные или сжатые данные)"},
    Row{"icmp_tunnel.why.bulk", "payloads in %1 size classes", "полезные нагрузки %1 классов размера"},
    Row{"icmp_tunnel.threshold",
        "≥%1 echo messages, and replies differing from their requests (≥%2%), or random-looking data (≥%3 bytes), or 100× that in varied sizes",
        "≥%1 эхо-сообщений, и ответы, отличающиеся от запросов (≥%2%), или случайные на вид данные (≥%3 байт), или в 100 раз больше "
        "данных разного размера"},
    Row{"icmp_tunnel.recommendation",
        "Inspect %1 for ICMP tunnelling software (ptunnel, icmpsh, Hans) and block ICMP echo with data between %1 and %2.",
        "Проверьте %1 на программы ICMP-туннелирования (ptunnel, icmpsh, Hans) и заблокируйте эхо-запросы ICMP с данными между %1 и %2."},

    // syn_flood, udp_flood, icmp_flood, ddos
    Row{"flood.summary", "%1 %2 to %3 from %4, %5; %6% answered%7%8", "%2 (%1 шт.) на %3 от %4, %5; отвечено %6%%7%8"},
    Row{"flood.reflection.summary",
        "Reflection attack on %1: %2 %3 from %4 hosts it never contacted, %5; the hosts answer packets forged with its address%6%7",
        "Атака отражением на %1: %3 (%2 шт.) от узлов, к которым он не обращался (%4 шт.), %5; узлы отвечают на пакеты, подделанные "
        "с его адресом%6%7"},
    Row{"flood.backscatter.summary",
        "Backscatter: %1 sent %2 %3 to %4 addresses that never contacted it, %5; it answers a flood from spoofed addresses, "
        "someone else's attack on %1%6%7",
        "Обратное рассеяние: %1 отправил %3 (%2 шт.) на адреса, которые к нему не обращались (%4 шт.), %5; он отвечает на флуд "
        "с подделанных адресов — чужую атаку на %1%6%7"},
    Row{"flood.peak", "peaking at %1 (%2 in %3)", "в пике %1 (%2 за %3)"},
    Row{"flood.rate", "%1/s", "%1/с"},
    Row{"flood.targets", "%1 targets", "%1 адресов"},
    Row{"flood.who.forged", "a forged multicast/broadcast source", "поддельного группового/широковещательного источника"},
    Row{"flood.who.sources", "%1 sources", "%1 источников"},
    Row{"flood.who.most", "%1 sources, most from %2", "%1 источников, больше всего от %2"},
    Row{"flood.who.spoofed", "%1 (they look spoofed: about one packet per source)",
        "%1 (похоже, подделанных: около одного пакета на источник)"},
    Row{"flood.active", "; active over %1", "; активен в течение %1"},
    Row{"flood.multicast", " (multicast/broadcast addressing: amplification or smurf pattern)",
        " (групповая/широковещательная адресация: признак усиления или smurf-атаки)"},
    Row{"flood.what.unsolicited", "unsolicited packets", "незапрошенные пакеты"},
    Row{"flood.what.unsolicited_answers", "unsolicited answers (SYN-ACK, RST, ICMP)", "незапрошенные ответы (SYN-ACK, RST, ICMP)"},
    Row{"flood.what.answers", "answers (SYN-ACK, RST, ICMP errors)", "ответы (SYN-ACK, RST, ошибки ICMP)"},
    Row{"flood.what.half_open", "half-open SYNs", "полуоткрытые SYN"},
    Row{"flood.what.udp", "unanswered UDP packets", "UDP-пакеты без ответа"},
    Row{"flood.what.tcp", "TCP packets outside any connection (ACK/FIN/PSH flood)", "TCP-пакеты вне соединений (ACK/FIN/PSH-флуд)"},
    Row{"flood.what.icmp", "ICMP echo requests", "эхо-запросы ICMP"},
    Row{"flood.threshold", "≥%1 packets/s and ≥%2 packets in the busiest 10 s, ≤%3% answered",
        "≥%1 пакетов/с и ≥%2 пакетов за самые загруженные 10 с, отвечено ≤%3%"},
    Row{"flood.recommendation",
        "Rate-limit or filter this traffic upstream of %1 (SYN cookies for SYN floods); contact the upstream provider if the volume "
        "exceeds local capacity.",
        "Ограничьте или отфильтруйте этот трафик до %1 (против SYN-флуда — SYN cookies); если объём превышает локальные возможности, "
        "обратитесь к вышестоящему провайдеру."},
    Row{"flood.reflection.recommendation",
        "%1 is the target: have its upstream filter the reflected traffic; the reflecting hosts are abused, not hostile.",
        "%1 — цель атаки: попросите вышестоящую сеть фильтровать отражённый трафик; отражающие узлы используются атакующим, сами "
        "они не враждебны."},
    Row{"flood.backscatter.recommendation",
        "%1 is under attack from spoofed addresses (this is its backscatter); check its load and have its upstream filter the flood.",
        "%1 атакуют с подделанных адресов (это его обратное рассеяние); проверьте его нагрузку и попросите вышестоящую сеть "
        "фильтровать флуд."},
    Row{"dhcp.summary",
        "DHCP flood: %1 DHCP messages (%2 transaction IDs, %3 client hardware addresses, %4 source addresses) in %5 (peak %6)",
        "DHCP-флуд: сообщений DHCP: %1 (идентификаторов транзакций: %2, аппаратных адресов клиентов: %3, адресов источников: %4) "
        "за %5 (пик %6)"},
    Row{"dhcp.threshold", "≥%1 DHCP messages at ≥20/s, one client per ≤4 messages",
        "≥%1 сообщений DHCP со скоростью ≥20/с, один клиент на ≤4 сообщения"},
    Row{"dhcp.recommendation",
        "Enable DHCP snooping and per-port rate limits on the switches; find the port the messages enter on and shut it down.",
        "Включите DHCP snooping и ограничение скорости на портах коммутаторов; найдите порт, через который поступают сообщения, "
        "и отключите его."},

    // host_sweep
    Row{"sweep.summary", "%1 swept %2 hosts with %3 in %4 (%5 did not answer)",
        "%1 опросил узлы (%2 шт.), отправляя %3, за %4 (не ответили: %5)"},
    Row{"sweep.how.arp", "ARP requests", "запросы ARP"},
    Row{"sweep.how.icmp", "ICMP echo requests", "эхо-запросы ICMP"},
    Row{"sweep.how.icmp_timestamp", "ICMP timestamp requests", "запросы времени ICMP"},
    Row{"sweep.how.icmp_mask", "ICMP address-mask requests", "запросы маски адреса ICMP"},
    Row{"sweep.how.tcp_ack", "TCP ACK probes to port %1", "пробы TCP ACK на порт %1"},
    Row{"sweep.how.udp", "UDP probes to port %1", "пробы UDP на порт %1"},
    Row{"sweep.how.tcp", "TCP port %1", "пробы на порт TCP %1"},
    Row{"sweep.threshold", "≥%1 hosts in %2 s", "≥%1 узлов за %2 с"},
    Row{"sweep.recommendation",
        "Identify the owner of %1 and whether network discovery was authorised; if not, isolate it and look for follow-up "
        "connections to the hosts that answered.",
        "Установите владельца %1 и было ли обследование сети разрешено; если нет, изолируйте узел и ищите последующие "
        "подключения к ответившим узлам."},

    // ioc_match
    Row{"ioc.summary", "%1: %2 %3 (%4 packets)", "%1: %2 %3 (пакетов: %4)"},
    Row{"ioc.how.to_address", "traffic to a listed address", "трафик на адрес из списка"},
    Row{"ioc.how.from_address", "traffic from a listed address", "трафик с адреса из списка"},
    Row{"ioc.how.dns", "DNS query for a listed domain", "DNS-запрос домена из списка"},
    Row{"ioc.how.http", "HTTP request to a listed domain", "HTTP-запрос к домену из списка"},
    Row{"ioc.how.tls", "TLS connection to a listed domain", "TLS-соединение с доменом из списка"},
    Row{"ioc.how.file", "file with a listed SHA-256", "файл с SHA-256 из списка"},
    Row{"ioc.recommendation", "Investigate %1 for compromise: it communicated with the listed indicator %2.",
        "Проверьте %1 на компрометацию: узел обменивался данными с индикатором из списка %2."},
    Row{"ioc.file.summary", "%1: %2 file \"%3\" (%4, %5 bytes) has the listed SHA-256 %6%7",
        "%1: файл %2 «%3» (%4, байт: %5) имеет SHA-256 из списка %6%7"},
    Row{"ioc.file.times", " (transferred %1 times)", " (передан раз: %1)"},
    Row{"ioc.file.recommendation",
        "Treat %1 as compromised: it transferred the known-bad file \"%2\" (SHA-256 %3) over %4; find the file on the host and "
        "where it came from (%5).",
        "Считайте %1 скомпрометированным: он передал заведомо вредоносный файл «%2» (SHA-256 %3) по %4; найдите файл на узле "
        "и выясните, откуда он пришёл (%5)."},
    Row{"ioc.threshold", "any match with the indicator lists", "любое совпадение со списками индикаторов"},

    // malformed_traffic
    Row{"malformed.summary", "%1 sent %2%3", "%1 отправил: %2%3"},
    Row{"malformed.part.malformed", "%1 malformed packets", "искажённых пакетов: %1"},
    Row{"malformed.part.land", "%1 land-attack SYNs (source = destination)", "SYN атаки land (источник = получатель): %1"},
    Row{"malformed.part.flags", "%1 packets with impossible TCP flags", "пакетов с невозможными флагами TCP: %1"},
    Row{"malformed.mostly", " (mostly %1)", " (в основном %1)"},
    Row{"malformed.unknown", "unknown", "неизвестно"},
    Row{"malformed.threshold", "≥%1 malformed or impossible packets, or any land attack",
        "≥%1 искажённых или невозможных пакетов либо любая атака land"},
    Row{"malformed.recommendation",
        "Check whether %1 runs fuzzing or attack tools, or has a faulty network stack; crafted packets like these probe for "
        "parser bugs in IDS and hosts.",
        "Проверьте, не запущены ли на %1 фаззеры или средства атаки и исправен ли его сетевой стек: такие специально "
        "построенные пакеты ищут ошибки разбора в IDS и на узлах."},

    // suspicious_port
    Row{"port.summary",
        "%1 exchanged %2 bytes with %3 on %4/%5, a port used by backdoors and C2 tools (%6 connection%7)%8",
        "%1 обменялся с %3 данными (байт: %2) через %4/%5 — порт бэкдоров и средств управления (C2) (соединений: %6)%8"},
    Row{"port.with", ", with %1", ", при этом %1"},
    Row{"port.only_sign", " (the port number is the only sign)", " (номер порта — единственный признак)"},
    Row{"port.payload.executable", "a Windows executable sent over it (a staged payload)",
        "по нему передан исполняемый файл Windows (загружаемая полезная нагрузка)"},
    Row{"port.payload.shell_command", "shell commands typed over it", "по нему вводились команды оболочки"},
    Row{"port.payload.shell_output", "a shell's output sent over it", "по нему передавался вывод оболочки"},
    Row{"port.threshold", "an answered connection to a listed port; high with a back door's payload",
        "соединение с ответом на порт из списка; высокая — при полезной нагрузке бэкдора"},
    Row{"port.recommendation.corroborated",
        "Treat %1 and %2 as compromised: isolate them and find the process behind the connection on port %3.",
        "Считайте %1 и %2 скомпрометированными: изолируйте их и найдите процесс, стоящий за соединением на порту %3."},
    Row{"port.recommendation",
        "Identify the process behind the connection between %1 and %2 on port %3; many ordinary programs use it too, so "
        "confirm before acting.",
        "Найдите процесс, стоящий за соединением между %1 и %2 на порту %3; этот порт используют и многие обычные программы, "
        "поэтому проверьте, прежде чем действовать."},

    // protocol_mismatch
    Row{"mismatch.summary", "%1 spoke %2 to %3 on port %4, not a usual %2 port (%5 message%6; %7)",
        "%1 обращался к %3 по %2 на порту %4 — это не обычный порт %2 (сообщений: %5; %7)"},
    Row{"mismatch.threshold", "%1 outside its usual ports", "%1 вне обычных портов"},
    Row{"mismatch.recommendation",
        "Check what service listens on %1 port %2 and why %3 speaks %4 to it; malware often hides C2 on unusual ports.",
        "Проверьте, какая служба слушает на %1 порт %2 и почему %3 обращается к ней по %4: вредоносные программы часто прячут "
        "C2 на необычных портах."},

    // port_scan
    Row{"scan.summary", "%1 probed %2 ports on %3 in %4 (%5 refused, %6 unanswered, %7 half-open%8; %9 scan)",
        "%1 проверил порты %3 за %4, портов: %2 (отклонено: %5, без ответа: %6, полуоткрытых: %7%8; сканирование %9)"},
    Row{"scan.extra.stealth", ", %1 NULL/FIN/XMAS", ", NULL/FIN/XMAS: %1"},
    Row{"scan.extra.udp", ", %1 UDP unanswered", ", UDP без ответа: %1"},
    Row{"scan.extra.ack", ", %1 ACK probes", ", проб ACK: %1"},
    Row{"scan.threshold", "≥%1 ports in %2 s", "≥%1 портов за %2 с"},
    Row{"scan.recommendation",
        "Find out who runs %1 and whether this scan was authorised; block or isolate the host if not, and check %2 for "
        "services that should not be reachable.",
        "Выясните, кто управляет %1 и было ли это сканирование разрешено; если нет, заблокируйте или изолируйте узел и "
        "проверьте %2 на службы, которые не должны быть доступны."},
};

const QHash<QString, MessagePattern> &catalogue()
{
    static const QHash<QString, MessagePattern> table = [] {
        QHash<QString, MessagePattern> t;
        for (const Row &r : kRows)
            t.insert(QString::fromLatin1(r.id), MessagePattern{QString::fromUtf8(r.en), QString::fromUtf8(r.ru)});
        for (const CatalogueRow &r : errorCatalogueRows())
            t.insert(QString::fromLatin1(r.id), MessagePattern{QString::fromUtf8(r.en), QString::fromUtf8(r.ru)});
        return t;
    }();
    return table;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%[1-9]"));
    QSet<QString> out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out.insert(it.next().captured());
    return out;
}
} // namespace

const MessagePattern *findMessagePattern(const QString &id)
{
    const auto &t = catalogue();
    const auto it = t.constFind(id);
    return it == t.constEnd() ? nullptr : &it.value();
}

QStringList messageIds()
{
    QStringList ids;
    for (const Row &r : kRows)
        ids << QString::fromLatin1(r.id);
    for (const CatalogueRow &r : errorCatalogueRows())
        ids << QString::fromLatin1(r.id);
    return ids;
}

bool messageTranslated(const QString &id)
{
    const MessagePattern *p = findMessagePattern(id);
    if (!p || p->ru.trimmed().isEmpty())
        return false;
    const QSet<QString> ru = placeholders(p->ru);
    return ru.isEmpty() == placeholders(p->en).isEmpty() && placeholders(p->en).contains(ru);
}

} // namespace packetlens
