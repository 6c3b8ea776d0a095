<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AboutBox</name>
    <message>
        <source>Documentation: README.md and docs/ in the source tree; &lt;tt&gt;man packetlens&lt;/tt&gt;.</source>
        <translation>Документация: README.md и docs/ в исходных текстах; &lt;tt&gt;man packetlens&lt;/tt&gt;.</translation>
    </message>
    <message>
        <source>Documentation: &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;, &lt;tt&gt;man packetlens&lt;/tt&gt;.</source>
        <translation>Документация: &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;, &lt;tt&gt;man packetlens&lt;/tt&gt;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;PacketLens %1&lt;/b&gt;&lt;p&gt;Offline network-traffic analyzer: packets, charts and threat findings with evidence, for pcap and pcapng captures.&lt;/p&gt;&lt;p&gt;License: GNU General Public License, version 3 or later (GPL-3.0-or-later). There is NO WARRANTY, to the extent permitted by law.&lt;/p&gt;&lt;p&gt;Running with Qt %2, %3, %4.&lt;/p&gt;&lt;p&gt;%5&lt;/p&gt;</source>
        <translation>&lt;b&gt;PacketLens %1&lt;/b&gt;&lt;p&gt;Анализатор сетевого трафика: пакеты, графики и находки об угрозах с доказательствами для захватов pcap и pcapng.&lt;/p&gt;&lt;p&gt;Лицензия: GNU General Public License версии 3 или более поздней (GPL-3.0-or-later). Программа поставляется БЕЗ КАКИХ-ЛИБО ГАРАНТИЙ в пределах, допускаемых законом.&lt;/p&gt;&lt;p&gt;Работает с Qt %2, %3, %4.&lt;/p&gt;&lt;p&gt;%5&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About PacketLens</source>
        <translation>О программе PacketLens</translation>
    </message>
</context>
<context>
    <name>ExplainDialog</name>
    <message>
        <source>Explain finding</source>
        <translation>Пояснение находки</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Категория:</translation>
    </message>
    <message>
        <source>Severity:</source>
        <translation>Серьёзность:</translation>
    </message>
    <message>
        <source>Confidence:</source>
        <translation>Достоверность:</translation>
    </message>
    <message>
        <source>Threshold:</source>
        <translation>Порог:</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>Время:</translation>
    </message>
    <message>
        <source>MITRE ATT&amp;CK:</source>
        <translation>MITRE ATT&amp;CK:</translation>
    </message>
    <message>
        <source>Recommendation:</source>
        <translation>Рекомендация:</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>Доказательства:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Why:&lt;/b&gt; the measurements that crossed a threshold</source>
        <translation>&lt;b&gt;Почему:&lt;/b&gt; измерения, превысившие порог</translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation>Измерение</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Порог</translation>
    </message>
    <message>
        <source>Other measurements</source>
        <translation>Другие измерения</translation>
    </message>
</context>
<context>
    <name>FindingExplain</name>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>≤ %1</source>
        <translation>≤ %1</translation>
    </message>
    <message>
        <source>Ports that failed</source>
        <translation>Порты, ответившие отказом или молчанием</translation>
    </message>
    <message>
        <source>Most ports in one window</source>
        <translation>Больше всего портов в одном окне</translation>
    </message>
    <message>
        <source>Probes refused (RST)</source>
        <translation>Пробы, отклонённые (RST)</translation>
    </message>
    <message>
        <source>Probes unanswered</source>
        <translation>Пробы без ответа</translation>
    </message>
    <message>
        <source>Half-open connections</source>
        <translation>Полуоткрытые соединения</translation>
    </message>
    <message>
        <source>Stealth probes (FIN, NULL, Xmas)</source>
        <translation>Скрытые пробы (FIN, NULL, Xmas)</translation>
    </message>
    <message>
        <source>UDP probes</source>
        <translation>Пробы UDP</translation>
    </message>
    <message>
        <source>ACK probes</source>
        <translation>Пробы ACK</translation>
    </message>
    <message>
        <source>Scan type</source>
        <translation>Тип сканирования</translation>
    </message>
    <message>
        <source>Hosts probed</source>
        <translation>Опрошено хостов</translation>
    </message>
    <message>
        <source>Hosts counted</source>
        <translation>Учтено хостов</translation>
    </message>
    <message>
        <source>Most hosts in one window</source>
        <translation>Больше всего хостов в одном окне</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Метод</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>Пакеты</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Байты</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Скорость</translation>
    </message>
    <message>
        <source>Packets in the busiest 10 s</source>
        <translation>Пакетов за самые загруженные 10 с</translation>
    </message>
    <message>
        <source>Packets in the busiest second</source>
        <translation>Пакетов за самую загруженную секунду</translation>
    </message>
    <message>
        <source>Distinct sources</source>
        <translation>Различных источников</translation>
    </message>
    <message>
        <source>Sources look spoofed</source>
        <translation>Источники похожи на подделанные</translation>
    </message>
    <message>
        <source>Share answered</source>
        <translation>Доля получивших ответ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>DNS queries</source>
        <translation>Запросы DNS</translation>
    </message>
    <message>
        <source>Distinct subdomains</source>
        <translation>Различных поддоменов</translation>
    </message>
    <message>
        <source>Names with a long label</source>
        <translation>Имён с длинной меткой</translation>
    </message>
    <message>
        <source>Random-looking names</source>
        <translation>Имён, похожих на случайные</translation>
    </message>
    <message>
        <source>Longest label</source>
        <translation>Самая длинная метка</translation>
    </message>
    <message>
        <source>Average subdomain length</source>
        <translation>Средняя длина поддомена</translation>
    </message>
    <message>
        <source>TXT and NULL queries</source>
        <translation>Запросы TXT и NULL</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Обращения</translation>
    </message>
    <message>
        <source>Median interval</source>
        <translation>Медианный интервал</translation>
    </message>
    <message>
        <source>Regularity: skew score</source>
        <translation>Регулярность: оценка асимметрии</translation>
    </message>
    <message>
        <source>Regularity: spread score</source>
        <translation>Регулярность: оценка разброса</translation>
    </message>
    <message>
        <source>Regularity: coverage score</source>
        <translation>Регулярность: оценка охвата</translation>
    </message>
    <message>
        <source>Beacon score (0–1)</source>
        <translation>Оценка маячка (0–1)</translation>
    </message>
    <message>
        <source>Destination outside the network</source>
        <translation>Адресат вне сети</translation>
    </message>
    <message>
        <source>Hosts beaconing to the same service</source>
        <translation>Хостов с маячками к той же службе</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Служба</translation>
    </message>
    <message>
        <source>Failed logins</source>
        <translation>Неудачных входов</translation>
    </message>
    <message>
        <source>Short login sessions</source>
        <translation>Коротких сеансов входа</translation>
    </message>
    <message>
        <source>Most in one window</source>
        <translation>Больше всего в одном окне</translation>
    </message>
    <message>
        <source>MAC addresses claiming the address</source>
        <translation>MAC-адресов, заявляющих этот адрес</translation>
    </message>
    <message>
        <source>Other MAC addresses</source>
        <translation>Другие MAC-адреса</translation>
    </message>
    <message>
        <source>Unsolicited ARP replies</source>
        <translation>Непрошеных ответов ARP</translation>
    </message>
    <message>
        <source>Claims at the same time</source>
        <translation>Одновременных заявлений</translation>
    </message>
    <message>
        <source>Remote addresses it relays</source>
        <translation>Пересылаемых удалённых адресов</translation>
    </message>
    <message>
        <source>ARP replies</source>
        <translation>Ответы ARP</translation>
    </message>
    <message>
        <source>Malformed packets</source>
        <translation>Искажённых пакетов</translation>
    </message>
    <message>
        <source>Land-attack packets</source>
        <translation>Пакетов атаки Land</translation>
    </message>
    <message>
        <source>Packets with impossible TCP flags</source>
        <translation>Пакетов с невозможными флагами TCP</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Причины</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Протокол</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <source>Distinct users</source>
        <translation>Различных пользователей</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Logins in clear text</source>
        <translation>Входов открытым текстом</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Соединения</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Область</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Полезная нагрузка</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Сообщения</translation>
    </message>
    <message>
        <source>First message</source>
        <translation>Первое сообщение</translation>
    </message>
    <message>
        <source>Usual port of that protocol</source>
        <translation>Обычный порт этого протокола</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Индикатор</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Совпадение</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Имя файла</translation>
    </message>
    <message>
        <source>File carried by</source>
        <translation>Файл передан по</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>Размер файла</translation>
    </message>
    <message>
        <source>File server</source>
        <translation>Сервер файла</translation>
    </message>
    <message>
        <source>Findings merged into this one</source>
        <translation>Находок объединено в эту</translation>
    </message>
    <message>
        <source>Targets in all</source>
        <translation>Всего целей</translation>
    </message>
    <message>
        <source>Destinations</source>
        <translation>Адресаты</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>%1 packets/s</source>
        <translation>%1 пакетов/с</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>%1 characters</source>
        <translation>%1 символов</translation>
    </message>
    <message>
        <source>Remote System Discovery</source>
        <translation>Обнаружение удалённых систем (Remote System Discovery)</translation>
    </message>
    <message>
        <source>Network Sniffing</source>
        <translation>Перехват сетевого трафика (Network Sniffing)</translation>
    </message>
    <message>
        <source>Network Service Discovery</source>
        <translation>Обнаружение сетевых служб (Network Service Discovery)</translation>
    </message>
    <message>
        <source>Exfiltration Over Alternative Protocol</source>
        <translation>Эксфильтрация по альтернативному протоколу (Exfiltration Over Alternative Protocol)</translation>
    </message>
    <message>
        <source>Application Layer Protocol</source>
        <translation>Протокол прикладного уровня (Application Layer Protocol)</translation>
    </message>
    <message>
        <source>Application Layer Protocol: DNS</source>
        <translation>Протокол прикладного уровня: DNS (Application Layer Protocol: DNS)</translation>
    </message>
    <message>
        <source>Ingress Tool Transfer</source>
        <translation>Доставка инструментов извне (Ingress Tool Transfer)</translation>
    </message>
    <message>
        <source>Brute Force</source>
        <translation>Подбор учётных данных (Brute Force)</translation>
    </message>
    <message>
        <source>Network Denial of Service</source>
        <translation>Сетевой отказ в обслуживании (Network Denial of Service)</translation>
    </message>
    <message>
        <source>Network Denial of Service: Direct Network Flood</source>
        <translation>Сетевой отказ в обслуживании: прямой флуд (Direct Network Flood)</translation>
    </message>
    <message>
        <source>Endpoint Denial of Service</source>
        <translation>Отказ в обслуживании узла (Endpoint Denial of Service)</translation>
    </message>
    <message>
        <source>Unsecured Credentials</source>
        <translation>Незащищённые учётные данные (Unsecured Credentials)</translation>
    </message>
    <message>
        <source>Adversary-in-the-Middle</source>
        <translation>Атака «человек посередине» (Adversary-in-the-Middle)</translation>
    </message>
    <message>
        <source>Adversary-in-the-Middle: ARP Cache Poisoning</source>
        <translation>«Человек посередине»: отравление кэша ARP (ARP Cache Poisoning)</translation>
    </message>
    <message>
        <source>Non-Standard Port</source>
        <translation>Нестандартный порт (Non-Standard Port)</translation>
    </message>
    <message>
        <source>Encrypted Channel</source>
        <translation>Зашифрованный канал (Encrypted Channel)</translation>
    </message>
    <message numerus="yes">
        <source>%n port(s)</source>
        <translation>
            <numerusform>%n порт</numerusform>
            <numerusform>%n порта</numerusform>
            <numerusform>%n портов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n хост</numerusform>
            <numerusform>%n хоста</numerusform>
            <numerusform>%n хостов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n DNS query(ies)</source>
        <translation>
            <numerusform>%n запрос DNS</numerusform>
            <numerusform>%n запроса DNS</numerusform>
            <numerusform>%n запросов DNS</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n обращение</numerusform>
            <numerusform>%n обращения</numerusform>
            <numerusform>%n обращений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n login attempt(s)</source>
        <translation>
            <numerusform>%n попытка входа</numerusform>
            <numerusform>%n попытки входа</numerusform>
            <numerusform>%n попыток входа</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n login(s)</source>
        <translation>
            <numerusform>%n вход</numerusform>
            <numerusform>%n входа</numerusform>
            <numerusform>%n входов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ARP reply(ies)</source>
        <translation>
            <numerusform>%n ответ ARP</numerusform>
            <numerusform>%n ответа ARP</numerusform>
            <numerusform>%n ответов ARP</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation>
            <numerusform>%n соединение</numerusform>
            <numerusform>%n соединения</numerusform>
            <numerusform>%n соединений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n сообщение</numerusform>
            <numerusform>%n сообщения</numerusform>
            <numerusform>%n сообщений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n packet(s)</source>
        <translation>
            <numerusform>%n пакет</numerusform>
            <numerusform>%n пакета</numerusform>
            <numerusform>%n пакетов</numerusform>
        </translation>
    </message>
    <message>
        <source>no packets cited</source>
        <translation>пакеты не указаны</translation>
    </message>
    <message numerus="yes">
        <source>the first %n packet(s) of a finding that counts %1</source>
        <translation>
            <numerusform>первый %n пакет находки, насчитывающей %1</numerusform>
            <numerusform>первые %n пакета находки, насчитывающей %1</numerusform>
            <numerusform>первые %n пакетов находки, насчитывающей %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n packet(s); the finding counts %1</source>
        <translation>
            <numerusform>%n пакет; находка насчитывает %1</numerusform>
            <numerusform>%n пакета; находка насчитывает %1</numerusform>
            <numerusform>%n пакетов; находка насчитывает %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ICMP echo message(s)</source>
        <translation>
            <numerusform>%n эхо-сообщение ICMP</numerusform>
            <numerusform>%n эхо-сообщения ICMP</numerusform>
            <numerusform>%n эхо-сообщений ICMP</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n generated domain(s)</source>
        <translation>
            <numerusform>%n сгенерированный домен</numerusform>
            <numerusform>%n сгенерированных домена</numerusform>
            <numerusform>%n сгенерированных доменов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n name answer(s)</source>
        <translation>
            <numerusform>%n ответ на запрос имени</numerusform>
            <numerusform>%n ответа на запросы имён</numerusform>
            <numerusform>%n ответов на запросы имён</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Общие</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Язык:</translation>
    </message>
    <message>
        <source>Time display:</source>
        <translation>Отображение времени:</translation>
    </message>
    <message>
        <source>History database:</source>
        <translation>База истории:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>Detection</source>
        <translation>Обнаружение</translation>
    </message>
    <message>
        <source>Thresholds of each detector. Defaults and their sources are described in docs/detections.md. Double-click a value to change it.</source>
        <translation>Пороги каждого детектора. Значения по умолчанию и их источники описаны в docs/detections.md. Дважды щёлкните значение, чтобы изменить его.</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Параметр</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>По умолчанию</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>Сбросить к умолчаниям</translation>
    </message>
    <message>
        <source>Allow list</source>
        <translation>Список исключений</translation>
    </message>
    <message>
        <source>Findings about these IPs, CIDR ranges, domains or categories are suppressed (and counted as suppressed in the report). One per line; # starts a comment.</source>
        <translation>Находки об этих IP-адресах, диапазонах CIDR, доменах или категориях подавляются (и учитываются в отчёте как подавленные). По одному в строке; # начинает комментарий.</translation>
    </message>
    <message>
        <source>IOC lists</source>
        <translation>Списки IOC</translation>
    </message>
    <message>
        <source>Block lists of IPs, CIDR ranges and domains (plain text or CSV, one per line). Traffic that matches raises ioc_match findings.</source>
        <translation>Списки блокировки IP-адресов, диапазонов CIDR и доменов (текст или CSV, по одному в строке). Совпадающий трафик создаёт находки ioc_match.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Добавить…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>A file (SQLite), or a shared history on PostgreSQL: postgresql://user@host:5432/database. The password is never kept here: libpq reads it from ~/.pgpass or PGPASSWORD.</source>
        <translation>Файл (SQLite) или общая история в PostgreSQL: postgresql://user@host:5432/database. Пароль здесь не хранится: libpq берёт его из ~/.pgpass или PGPASSWORD.</translation>
    </message>
    <message>
        <source>Capture storage:</source>
        <translation>Хранилище захватов:</translation>
    </message>
    <message>
        <source>Where the REST server keeps uploaded captures. Empty: the app&apos;s data folder. Required with a history on PostgreSQL: the folder every server sharing it uses.</source>
        <translation>Где REST-сервер хранит загруженные захваты. Пусто: папка данных приложения. Для истории в PostgreSQL обязательно: папка, общая для всех серверов, работающих с ней.</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::AnomaliesPage</name>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Протокол</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Число</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>Malformed packet</source>
        <translation>Искажённый пакет</translation>
    </message>
    <message>
        <source>Bad IPv4 checksum</source>
        <translation>Неверная контрольная сумма IPv4</translation>
    </message>
    <message>
        <source>Unusual ARP</source>
        <translation>Нетипичный ARP</translation>
    </message>
    <message>
        <source>Captured length over packet length</source>
        <translation>Захваченная длина больше длины пакета</translation>
    </message>
    <message>
        <source>Link type not decoded</source>
        <translation>Тип канала не декодируется</translation>
    </message>
    <message>
        <source>Impossible TCP flags</source>
        <translation>Недопустимые флаги TCP</translation>
    </message>
    <message>
        <source>Land attack</source>
        <translation>Атака Land</translation>
    </message>
    <message>
        <source>Timestamp out of order</source>
        <translation>Метка времени не по порядку</translation>
    </message>
    <message>
        <source>Anomalies are listed when the analysis ends.</source>
        <translation>Аномалии будут показаны, когда анализ закончится.</translation>
    </message>
    <message>
        <source>No anomalies: no malformed packets, bad IPv4 checksums, impossible TCP flags, land attacks or out-of-order timestamps were seen.</source>
        <translation>Аномалий нет: ни искажённых пакетов, ни неверных контрольных сумм IPv4, ни недопустимых флагов TCP, ни атак Land, ни меток времени не по порядку.</translation>
    </message>
    <message>
        <source>Anomalies counted: %1 · kinds: %2</source>
        <translation>Всего аномалий: %1 · видов: %2</translation>
    </message>
    <message>
        <source>Show packets</source>
        <translation>Показать пакеты</translation>
    </message>
    <message>
        <source>Double-click a row to show all its packets in the packet list (filter packetlens.anomaly).</source>
        <translation>Двойной щелчок по строке показывает все её пакеты в списке пакетов (фильтр packetlens.anomaly).</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::AppSummaryPage</name>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Число</translation>
    </message>
    <message>
        <source>Double-click a row to show the packets it counts in the packet list.</source>
        <translation>Двойной щелчок по строке показывает в списке пакетов пакеты, которые она считает.</translation>
    </message>
    <message>
        <source>Show packets</source>
        <translation>Показать пакеты</translation>
    </message>
    <message>
        <source>DNS, HTTP and TLS are summed up when the analysis ends.</source>
        <translation>Сводка DNS, HTTP и TLS появится, когда анализ закончится.</translation>
    </message>
    <message>
        <source>%1
Filter: %2</source>
        <translation>%1
Фильтр: %2</translation>
    </message>
    <message>
        <source>DNS: %1 queries, %2 responses, %3 NXDOMAIN, %4 distinct names</source>
        <translation>DNS: запросов — %1, ответов — %2, NXDOMAIN — %3, различных имён — %4</translation>
    </message>
    <message>
        <source>no DNS, mDNS or LLMNR messages</source>
        <translation>нет сообщений DNS, mDNS или LLMNR</translation>
    </message>
    <message>
        <source>Queried names</source>
        <translation>Запрашиваемые имена</translation>
    </message>
    <message>
        <source>queries</source>
        <translation>запросы</translation>
    </message>
    <message>
        <source>NXDOMAIN names</source>
        <translation>Имена с ответом NXDOMAIN</translation>
    </message>
    <message>
        <source>responses</source>
        <translation>ответы</translation>
    </message>
    <message>
        <source>Response codes</source>
        <translation>Коды ответов</translation>
    </message>
    <message>
        <source>Query types</source>
        <translation>Типы запросов</translation>
    </message>
    <message>
        <source>HTTP: %1 requests, %2 responses</source>
        <translation>HTTP: запросов — %1, ответов — %2</translation>
    </message>
    <message>
        <source>no HTTP/1.x messages (HTTPS is counted under TLS)</source>
        <translation>нет сообщений HTTP/1.x (HTTPS учитывается в TLS)</translation>
    </message>
    <message>
        <source>Status codes</source>
        <translation>Коды состояния</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>Методы</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>запросы</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>Узлы</translation>
    </message>
    <message>
        <source>User agents</source>
        <translation>User-Agent (клиенты)</translation>
    </message>
    <message>
        <source>TLS: %1 records, %2 ClientHellos, %3 ServerHellos</source>
        <translation>TLS: записей — %1, ClientHello — %2, ServerHello — %3</translation>
    </message>
    <message>
        <source>no TLS records</source>
        <translation>нет записей TLS</translation>
    </message>
    <message>
        <source>Server names (SNI)</source>
        <translation>Имена серверов (SNI)</translation>
    </message>
    <message>
        <source>ClientHellos</source>
        <translation>ClientHello</translation>
    </message>
    <message>
        <source>Versions (negotiated)</source>
        <translation>Версии (согласованные)</translation>
    </message>
    <message>
        <source>ServerHellos</source>
        <translation>ServerHello</translation>
    </message>
    <message>
        <source>No display filter selects this row&apos;s packets</source>
        <translation>Ни один фильтр отображения не выбирает пакеты этой строки</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::CaptureProperties</name>
    <message>
        <source>Property</source>
        <translation>Свойство</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>Захват</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <source>Timestamp precision</source>
        <translation>Точность меток времени</translation>
    </message>
    <message>
        <source>Link types</source>
        <translation>Типы канального уровня</translation>
    </message>
    <message>
        <source>%1 packets — %2</source>
        <translation>%1 пакетов — %2</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Archive SHA-256</source>
        <translation>SHA-256 архива</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>Размер файла</translation>
    </message>
    <message>
        <source>First packet</source>
        <translation>Первый пакет</translation>
    </message>
    <message>
        <source>Last packet</source>
        <translation>Последний пакет</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>Пакеты</translation>
    </message>
    <message>
        <source>Bytes on wire</source>
        <translation>Байт в сети</translation>
    </message>
    <message>
        <source>Bytes captured</source>
        <translation>Байт захвачено</translation>
    </message>
    <message>
        <source>Average packet size</source>
        <translation>Средний размер пакета</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 байт</translation>
    </message>
    <message>
        <source>Average packets/s</source>
        <translation>Среднее, пакетов/с</translation>
    </message>
    <message>
        <source>Average bits/s</source>
        <translation>Среднее, бит/с</translation>
    </message>
    <message>
        <source>Malformed packets</source>
        <translation>Повреждённые пакеты</translation>
    </message>
    <message>
        <source>TCP retransmissions</source>
        <translation>Повторные передачи TCP</translation>
    </message>
    <message>
        <source>Truncated</source>
        <translation>Обрезан</translation>
    </message>
    <message>
        <source>yes, at byte %1</source>
        <translation>да, на байте %1</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Отчёт</translation>
    </message>
    <message>
        <source>from the history (same file, engine and settings)</source>
        <translation>из истории (тот же файл, движок и настройки)</translation>
    </message>
    <message>
        <source>analyzed now</source>
        <translation>проанализирован сейчас</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Предупреждения</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>%1 while reading, %2 anomalies (see Anomalies)</source>
        <translation>при чтении — %1, аномалий — %2 (см. «Аномалии»)</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Чтение</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>ns</source>
        <translation>нс</translation>
    </message>
    <message>
        <source>µs</source>
        <translation>мкс</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>мс</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::CaptureTab</name>
    <message>
        <source>Packets</source>
        <translation>Пакеты</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Панель</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Находки</translation>
    </message>
    <message>
        <source>Findings (%1)</source>
        <translation>Находки (%1)</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>Узлы</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Диалоги</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>Свойства</translation>
    </message>
    <message>
        <source>Invalid filter: %1</source>
        <translation>Неверный фильтр: %1</translation>
    </message>
    <message>
        <source>Filtering…</source>
        <translation>Фильтрация…</translation>
    </message>
    <message>
        <source>Sorting…</source>
        <translation>Сортировка…</translation>
    </message>
    <message>
        <source>Displayed: %L1 of %L2</source>
        <translation>Показано: %L1 из %L2</translation>
    </message>
    <message>
        <source>Packets: %L1</source>
        <translation>Пакетов: %L1</translation>
    </message>
    <message>
        <source>Health (%1)</source>
        <translation>Состояние сети (%1)</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Состояние сети</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Хронология</translation>
    </message>
    <message>
        <source>Timeline of this host</source>
        <translation>Хронология этого узла</translation>
    </message>
    <message>
        <source>Follow TCP Stream</source>
        <translation>Следовать за TCP-потоком</translation>
    </message>
    <message>
        <source>This capture is cut short or damaged — %1. The packets before that point are shown.</source>
        <translation>Захват обрезан или повреждён — %1. Показаны пакеты до этого места.</translation>
    </message>
    <message>
        <source>reading stopped at byte %1</source>
        <translation>чтение остановлено на байте %1</translation>
    </message>
    <message>
        <source>Follow TCP Stream: select a TCP packet first.</source>
        <translation>Следовать за TCP-потоком: сначала выберите TCP-пакет.</translation>
    </message>
    <message>
        <source>Anomalies (%L1)</source>
        <translation>Аномалии (%L1)</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>Аномалии</translation>
    </message>
    <message>
        <source>DNS · HTTP · TLS</source>
        <translation>DNS · HTTP · TLS</translation>
    </message>
    <message>
        <source>Settings changed since this capture was analyzed — F5 to re-analyze with the new ones.</source>
        <translation>Настройки изменились после анализа этого захвата — F5, чтобы проанализировать заново с новыми.</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::Dashboard</name>
    <message>
        <source>Protocols (packets)</source>
        <translation>Протоколы (пакеты)</translation>
    </message>
    <message>
        <source>packets/s</source>
        <translation>пакетов/с</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>байты</translation>
    </message>
    <message>
        <source>score</source>
        <translation>оценка</translation>
    </message>
    <message>
        <source>no packets yet</source>
        <translation>пакетов пока нет</translation>
    </message>
    <message>
        <source>other (%L1)</source>
        <translation>прочие (%L1)</translation>
    </message>
    <message>
        <source>Bytes per second</source>
        <translation>Байт в секунду</translation>
    </message>
    <message>
        <source>Packets per second</source>
        <translation>Пакетов в секунду</translation>
    </message>
    <message>
        <source>time (UTC)</source>
        <translation>время (UTC)</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/с</translation>
    </message>
    <message>
        <source>Top talkers (bytes sent and received)</source>
        <translation>Самые активные узлы (байт отправлено и получено)</translation>
    </message>
    <message>
        <source>no IP traffic: the packets carry no IP addresses</source>
        <translation>нет IP-трафика: в пакетах нет IP-адресов</translation>
    </message>
    <message>
        <source>shown when the analysis ends</source>
        <translation>появится по окончании анализа</translation>
    </message>
    <message>
        <source>no IP sources: the findings&apos; sources are MAC addresses</source>
        <translation>нет IP-источников: источники находок — MAC-адреса</translation>
    </message>
    <message>
        <source>no finding names an IP source</source>
        <translation>ни одна находка не указывает IP-источник</translation>
    </message>
    <message>
        <source>Suspicious IPs (score 0–100)</source>
        <translation>Подозрительные IP (оценка 0–100)</translation>
    </message>
    <message>
        <source>%1 UTC: %2/s</source>
        <translation>%1 UTC: %2/с</translation>
    </message>
    <message>
        <source>%1 UTC: %L2 packets/s</source>
        <translation>%1 UTC: %L2 пакетов/с</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::ExplainDialog</name>
    <message>
        <source>Explain %1</source>
        <translation>Пояснение %1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>с %1 по %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>show these</source>
        <translation>показать эти</translation>
    </message>
    <message>
        <source>show all its traffic</source>
        <translation>показать весь её трафик</translation>
    </message>
    <message>
        <source>All its traffic: %1</source>
        <translation>Весь её трафик: %1</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::FilterBar</name>
    <message>
        <source>Invalid filter: %1</source>
        <translation>Неверный фильтр: %1</translation>
    </message>
    <message>
        <source>Display filter, e.g. dns || tcp.port==443 &amp;&amp; ip.addr==10.0.0.0/8 — or &quot;text&quot; to search Info (Ctrl+F)</source>
        <translation>Фильтр отображения, например dns || tcp.port==443 &amp;&amp; ip.addr==10.0.0.0/8 — или &quot;текст&quot; для поиска в Info (Ctrl+F)</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::FindingsPage</name>
    <message>
        <source>Show evidence packets</source>
        <translation>Показать пакеты-доказательства</translation>
    </message>
    <message>
        <source>Explain…</source>
        <translation>Пояснить…</translation>
    </message>
    <message>
        <source>Finding %1 cites no packets</source>
        <translation>Находка %1 не ссылается на пакеты</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No findings&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Checked for: %1.&lt;/p&gt;&lt;p&gt;Thresholds and lists: File ▸ Settings.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Находок нет&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Проверено: %1.&lt;/p&gt;&lt;p&gt;Пороги и списки: Файл ▸ Настройки.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Enter or double-click on a finding</source>
        <translation>Enter или двойной щелчок по находке</translation>
    </message>
    <message>
        <source>Ctrl+E on a finding</source>
        <translation>Ctrl+E на находке</translation>
    </message>
    <message>
        <source>Enter or double-click shows a finding&apos;s evidence packets in the packet list; Ctrl+E explains it.</source>
        <translation>Enter или двойной щелчок показывает пакеты-доказательства находки в списке пакетов; Ctrl+E объясняет её.</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::FollowDialog</name>
    <message>
        <source>Follow TCP Stream (tcp.stream eq %1) — %2</source>
        <translation>TCP-поток (tcp.stream eq %1) — %2</translation>
    </message>
    <message>
        <source>Reading the capture…</source>
        <translation>Чтение захвата…</translation>
    </message>
    <message>
        <source>ASCII</source>
        <translation>ASCII</translation>
    </message>
    <message>
        <source>Hex Dump</source>
        <translation>Шестнадцатеричный дамп</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>Сырые байты</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Сохранить как…</translation>
    </message>
    <message>
        <source>Show data as</source>
        <translation>Показать данные как</translation>
    </message>
    <message>
        <source>No TCP stream %1 in this capture.</source>
        <translation>В этом захвате нет TCP-потока %1.</translation>
    </message>
    <message>
        <source>%1 → %2: %3 bytes; %2 → %1: %4 bytes</source>
        <translation>%1 → %2: %3 байт; %2 → %1: %4 байт</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>Не удалось сохранить %1: %2</translation>
    </message>
    <message>
        <source>Save TCP stream %1 as %2</source>
        <translation>Сохранить поток TCP %1 как %2</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::HealthPage</name>
    <message>
        <source>Level</source>
        <translation>Уровень</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Число</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>What this usually means</source>
        <translation>Что это обычно значит</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Впервые замечен</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>This report was made before PacketLens analyzed network health: analyze the capture again (F5).</source>
        <translation>Этот отчёт создан до того, как PacketLens стал анализировать состояние сети: проанализируйте захват заново (F5).</translation>
    </message>
    <message>
        <source>TCP connections: %1, retransmissions: %2, resets: %3</source>
        <translation>Соединений TCP: %1, повторных передач: %2, сбросов: %3</translation>
    </message>
    <message>
        <source>TCP handshake median %1 ms</source>
        <translation>медиана рукопожатия TCP %1 мс</translation>
    </message>
    <message>
        <source>DNS median %1 ms</source>
        <translation>медиана DNS %1 мс</translation>
    </message>
    <message>
        <source>HTTP median %1 ms</source>
        <translation>медиана HTTP %1 мс</translation>
    </message>
    <message>
        <source>peak second %1: %2 packets</source>
        <translation>пиковая секунда %1: %2 пакетов</translation>
    </message>
    <message>
        <source>Show packets</source>
        <translation>Показать пакеты</translation>
    </message>
    <message>
        <source>Double-click an item to show its packets in the packet list.</source>
        <translation>Дважды щёлкните пункт, чтобы показать его пакеты в списке пакетов.</translation>
    </message>
    <message>
        <source>This item names no packets</source>
        <translation>Этот пункт не ссылается на пакеты</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::HistoryView</name>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Captures</source>
        <translation>Захваты</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Находки</translation>
    </message>
    <message>
        <source>Highest severity</source>
        <translation>Наивысшая серьёзность</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Категории</translation>
    </message>
    <message>
        <source>The capture of analysis %1 is no longer at %2</source>
        <translation>Захвата анализа %1 больше нет по пути %2</translation>
    </message>
    <message>
        <source>Could not delete analysis %1: %2</source>
        <translation>Не удалось удалить анализ %1: %2</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Открыть снова</translation>
    </message>
    <message>
        <source>Re-analyze</source>
        <translation>Проанализировать заново</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Top suspicious IPs across captures</source>
        <translation>Самые подозрительные IP по всем захватам</translation>
    </message>
    <message>
        <source>History unavailable: %1</source>
        <translation>История недоступна: %1</translation>
    </message>
    <message>
        <source>Delete analysis %1?</source>
        <translation>Удалить анализ %1?</translation>
    </message>
    <message>
        <source>Analysis %1 and its findings will be removed from the history. The capture file itself is not touched.</source>
        <translation>Анализ %1 и его находки будут удалены из истории. Сам файл захвата не изменится.</translation>
    </message>
    <message>
        <source>Analysis %1 deleted from the history</source>
        <translation>Анализ %1 удалён из истории</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Удалить…</translation>
    </message>
    <message>
        <source>Delete (asks first)</source>
        <translation>Удалить (сначала спросит)</translation>
    </message>
    <message>
        <source>Captures: %L1 (%2 of capture files) · analyses: %L3 · packets: %L4. Findings by severity:</source>
        <translation>Захватов: %L1 (%2 в файлах захвата) · анализов: %L3 · пакетов: %L4. Находки по серьёзности:</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::LiveDialog</name>
    <message>
        <source>Start Live Capture</source>
        <translation>Запуск захвата трафика</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Интерфейс</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Адреса</translation>
    </message>
    <message>
        <source>Link type</source>
        <translation>Тип канала</translation>
    </message>
    <message>
        <source>e.g. tcp port 443 or udp (BPF, as tcpdump takes it)</source>
        <translation>напр. tcp port 443 or udp (BPF, как в tcpdump)</translation>
    </message>
    <message>
        <source>Promiscuous mode</source>
        <translation>Неразборчивый режим</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>без ограничения</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> МБ</translation>
    </message>
    <message>
        <source>the app-data folder (live/)</source>
        <translation>папка данных приложения (live/)</translation>
    </message>
    <message>
        <source>Capture filter:</source>
        <translation>Фильтр захвата:</translation>
    </message>
    <message>
        <source>Snap length:</source>
        <translation>Длина среза:</translation>
    </message>
    <message>
        <source>Stop after (duration):</source>
        <translation>Остановить через (время):</translation>
    </message>
    <message>
        <source>Stop after (packets):</source>
        <translation>Остановить после (пакетов):</translation>
    </message>
    <message>
        <source>Stop after (size):</source>
        <translation>Остановить после (объём):</translation>
    </message>
    <message>
        <source>Save packets to:</source>
        <translation>Сохранить пакеты в:</translation>
    </message>
    <message>
        <source>Start Capture</source>
        <translation>Начать захват</translation>
    </message>
    <message>
        <source>The interfaces cannot be listed: %1</source>
        <translation>Не удалось получить список интерфейсов: %1</translation>
    </message>
    <message>
        <source>Choose an interface.</source>
        <translation>Выберите интерфейс.</translation>
    </message>
    <message>
        <source>Invalid capture filter: %1</source>
        <translation>Недопустимый фильтр захвата: %1</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::MainWindow</name>
    <message>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
    <message>
        <source>Open captures</source>
        <translation>Открыть захваты</translation>
    </message>
    <message>
        <source>Captures (*.pcap *.pcapng *.cap *.gz *.zip);;All files (*)</source>
        <translation>Захваты (*.pcap *.pcapng *.cap *.gz *.zip);;Все файлы (*)</translation>
    </message>
    <message>
        <source>PacketLens</source>
        <translation>PacketLens</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Открыть…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Недавние</translation>
    </message>
    <message>
        <source>&amp;Close Tab</source>
        <translation>&amp;Закрыть вкладку</translation>
    </message>
    <message>
        <source>&amp;Re-analyze</source>
        <translation>&amp;Проанализировать заново</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Экспорт</translation>
    </message>
    <message>
        <source>Report as &amp;JSON…</source>
        <translation>Отчёт в &amp;JSON…</translation>
    </message>
    <message>
        <source>Report as &amp;HTML…</source>
        <translation>Отчёт в &amp;HTML…</translation>
    </message>
    <message>
        <source>&amp;ZIP bundle with evidence…</source>
        <translation>&amp;ZIP-пакет с доказательствами…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Filter Packets</source>
        <translation>&amp;Фильтр пакетов</translation>
    </message>
    <message>
        <source>&amp;Relative Time</source>
        <translation>&amp;Относительное время</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;История</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Сервер</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About PacketLens</source>
        <translation>&amp;О PacketLens</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>History unavailable: %1</source>
        <translation>История недоступна: %1</translation>
    </message>
    <message>
        <source>History database check failed: %1</source>
        <translation>Проверка базы истории не пройдена: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n analysis(es) interrupted by an earlier crash are marked &quot;interrupted&quot; in the History and can be re-run.</source>
        <translation>
            <numerusform>%n анализ, прерванный прошлым сбоем, помечен в Истории как «прерван» и может быть запущен заново.</numerusform>
            <numerusform>%n анализа, прерванные прошлым сбоем, помечены в Истории как «прерван» и могут быть запущены заново.</numerusform>
            <numerusform>%n анализов, прерванных прошлым сбоем, помечены в Истории как «прерван» и могут быть запущены заново.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>Не удаётся открыть</translation>
    </message>
    <message>
        <source>Only local files can be opened: %1</source>
        <translation>Открывать можно только локальные файлы: %1</translation>
    </message>
    <message>
        <source>%1 does not exist or is not a file.</source>
        <translation>%1 не существует или не является файлом.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 не удаётся прочитать: %2</translation>
    </message>
    <message>
        <source>Not a capture</source>
        <translation>Не захват</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 пуст.</translation>
    </message>
    <message>
        <source>%1 is not a capture PacketLens can read (pcap, pcapng, gzip or zip): it %2.</source>
        <translation>%1 — не захват, который PacketLens умеет читать (pcap, pcapng, gzip или zip): файл %2.</translation>
    </message>
    <message>
        <source>%1: report from the history (same file, engine and settings); reading packets…</source>
        <translation>%1: отчёт из истории (тот же файл, движок и настройки); чтение пакетов…</translation>
    </message>
    <message>
        <source>Cannot analyze</source>
        <translation>Не удаётся проанализировать</translation>
    </message>
    <message>
        <source>Analyzing %1…</source>
        <translation>Анализ %1…</translation>
    </message>
    <message>
        <source>%L1 packets · %L2 packets/s</source>
        <translation>%L1 пакетов · %L2 пакетов/с</translation>
    </message>
    <message>
        <source>Cancelled: the packets read so far are shown; no report.</source>
        <translation>Отменено: показаны уже прочитанные пакеты; отчёта нет.</translation>
    </message>
    <message>
        <source>Analysis of %1 cancelled</source>
        <translation>Анализ %1 отменён</translation>
    </message>
    <message>
        <source>Analysis failed</source>
        <translation>Анализ не удался</translation>
    </message>
    <message>
        <source>%1 analyzed in %2 s%3</source>
        <translation>%1 проанализирован за %2 с%3</translation>
    </message>
    <message>
        <source> (history not recorded: %1)</source>
        <translation> (история не записана: %1)</translation>
    </message>
    <message>
        <source>JSON report (*.json)</source>
        <translation>Отчёт JSON (*.json)</translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation>Отчёт HTML (*.html)</translation>
    </message>
    <message>
        <source>ZIP bundle (*.zip)</source>
        <translation>ZIP-пакет (*.zip)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>Экспортировано: %1</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Экспорт не удался</translation>
    </message>
    <message>
        <source>REST API server</source>
        <translation>Сервер REST API</translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation>Сервер не удалось запустить: %1</translation>
    </message>
    <message>
        <source>S&amp;top REST API Server</source>
        <translation>&amp;Остановить сервер REST API</translation>
    </message>
    <message>
        <source>S&amp;tart REST API Server</source>
        <translation>&amp;Запустить сервер REST API</translation>
    </message>
    <message>
        <source>Server &amp;Panel</source>
        <translation>&amp;Панель сервера</translation>
    </message>
    <message>
        <source>History: %1</source>
        <translation>История: %1</translation>
    </message>
    <message>
        <source>%1 is the history database of PacketLens, not a capture.</source>
        <translation>%1 — это база истории PacketLens, а не захват.</translation>
    </message>
    <message>
        <source>%1 is cut short: %2.</source>
        <translation>Файл %1 обрезан: %2.</translation>
    </message>
    <message>
        <source>Export &amp;Objects</source>
        <translation>Экспорт &amp;объектов</translation>
    </message>
    <message>
        <source>&amp;HTTP…</source>
        <translation>&amp;HTTP…</translation>
    </message>
    <message>
        <source>&amp;FTP-DATA…</source>
        <translation>&amp;FTP-DATA…</translation>
    </message>
    <message>
        <source>&amp;SMTP…</source>
        <translation>&amp;SMTP…</translation>
    </message>
    <message>
        <source>&amp;Analyze</source>
        <translation>&amp;Анализ</translation>
    </message>
    <message>
        <source>Follow &amp;TCP Stream</source>
        <translation>Следовать за &amp;TCP-потоком</translation>
    </message>
    <message>
        <source>&amp;Capture</source>
        <translation>&amp;Захват</translation>
    </message>
    <message>
        <source>&amp;Start…</source>
        <translation>&amp;Начать…</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>О&amp;становить</translation>
    </message>
    <message>
        <source>Live capture</source>
        <translation>Захват трафика</translation>
    </message>
    <message>
        <source>No permission to capture on %1.

%2</source>
        <translation>Нет прав на захват на %1.

%2</translation>
    </message>
    <message>
        <source>The capture could not start: %1</source>
        <translation>Не удалось начать захват: %1</translation>
    </message>
    <message>
        <source>Live: %1</source>
        <translation>Захват: %1</translation>
    </message>
    <message>
        <source>Capturing on %1…</source>
        <translation>Захват на %1…</translation>
    </message>
    <message>
        <source>Capturing on %1; Capture ▸ Stop (Ctrl+E) ends it</source>
        <translation>Захват на %1; Захват ▸ Остановить (Ctrl+E) завершает его</translation>
    </message>
    <message>
        <source>Stopping the capture…</source>
        <translation>Остановка захвата…</translation>
    </message>
    <message>
        <source>%L1 packets · %L2 packets/s · %3/s</source>
        <translation>%L1 пакетов · %L2 пакетов/с · %3/с</translation>
    </message>
    <message>
        <source> · %L1 dropped</source>
        <translation> · потеряно %L1</translation>
    </message>
    <message>
        <source>%1 finding: %2</source>
        <translation>Находка %1: %2</translation>
    </message>
    <message>
        <source>PacketLens live capture</source>
        <translation>PacketLens: захват трафика</translation>
    </message>
    <message>
        <source>Capture ended: %L1 packets saved to %2</source>
        <translation>Захват завершён: %L1 пакетов сохранено в %2</translation>
    </message>
    <message>
        <source>Capture ended: %1</source>
        <translation>Захват завершён: %1</translation>
    </message>
    <message>
        <source>no packets</source>
        <translation>нет пакетов</translation>
    </message>
    <message>
        <source> (the interface went down)</source>
        <translation> (интерфейс отключился)</translation>
    </message>
    <message>
        <source>Export the report of %1 as JSON</source>
        <translation>Экспорт отчёта по %1 в JSON</translation>
    </message>
    <message>
        <source>Export the report of %1 as HTML</source>
        <translation>Экспорт отчёта по %1 в HTML</translation>
    </message>
    <message>
        <source>Export %1 as a ZIP bundle (report and evidence packets)</source>
        <translation>Экспорт %1 в архив ZIP (отчёт и пакеты-доказательства)</translation>
    </message>
    <message>
        <source>Analyzing %1… Some settings were ignored: %2</source>
        <translation>Анализ %1… Часть настроек проигнорирована: %2</translation>
    </message>
    <message>
        <source>Settings changed — F5 to re-analyze %1</source>
        <translation>Настройки изменились — F5, чтобы заново проанализировать %1</translation>
    </message>
    <message>
        <source>&amp;Next Tab</source>
        <translation>&amp;Следующая вкладка</translation>
    </message>
    <message>
        <source>Pre&amp;vious Tab</source>
        <translation>&amp;Предыдущая вкладка</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::ObjectsDialog</name>
    <message>
        <source>Export Objects: %1 — %2</source>
        <translation>Экспорт объектов: %1 — %2</translation>
    </message>
    <message>
        <source>Reading the capture…</source>
        <translation>Чтение захвата…</translation>
    </message>
    <message>
        <source>Packet</source>
        <translation>Пакет</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>Имя хоста</translation>
    </message>
    <message>
        <source>Content type</source>
        <translation>Тип содержимого</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Имя файла</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Сохранить…</translation>
    </message>
    <message>
        <source>Save All…</source>
        <translation>Сохранить все…</translation>
    </message>
    <message>
        <source>No objects of this protocol in the capture.</source>
        <translation>В захвате нет объектов этого протокола.</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s)</source>
        <translation>
            <numerusform>%n объект</numerusform>
            <numerusform>%n объекта</numerusform>
            <numerusform>%n объектов</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Не удалось записать %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n file(s) into %1.</source>
        <translation>
            <numerusform>Сохранён %n файл в %1.</numerusform>
            <numerusform>Сохранено %n файла в %1.</numerusform>
            <numerusform>Сохранено %n файлов в %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Save %n %1 object(s) into</source>
        <translation>
            <numerusform>Сохранить %n объект %1 в</numerusform>
            <numerusform>Сохранить %n объекта %1 в</numerusform>
            <numerusform>Сохранить %n объектов %1 в</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>packetlens::gui::PacketDetails</name>
    <message>
        <source>Bytes %1–%2</source>
        <translation>Байты %1–%2</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::PacketListModel</name>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Время (с)</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Время (UTC)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Назначение</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Протокол</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Длина</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Сведения</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::ReportTables</name>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Packets sent</source>
        <translation>Отправлено пакетов</translation>
    </message>
    <message>
        <source>Packets received</source>
        <translation>Получено пакетов</translation>
    </message>
    <message>
        <source>Bytes sent</source>
        <translation>Отправлено байт</translation>
    </message>
    <message>
        <source>Bytes received</source>
        <translation>Получено байт</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Впервые замечен</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Последний раз замечен</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Протокол</translation>
    </message>
    <message>
        <source>Address A</source>
        <translation>Адрес A</translation>
    </message>
    <message>
        <source>Port A</source>
        <translation>Порт A</translation>
    </message>
    <message>
        <source>Address B</source>
        <translation>Адрес B</translation>
    </message>
    <message>
        <source>Port B</source>
        <translation>Порт B</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>Пакеты</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Байты</translation>
    </message>
    <message>
        <source>Bytes A→B</source>
        <translation>Байт A→B</translation>
    </message>
    <message>
        <source>Bytes B→A</source>
        <translation>Байт B→A</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Конец</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Серьёзность</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Цели</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>Рекомендация</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Находки</translation>
    </message>
    <message>
        <source>Analyzed</source>
        <translation>Проанализирован</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>Захват</translation>
    </message>
    <message>
        <source>Highest severity</source>
        <translation>Наивысшая серьёзность</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>критическая</translation>
    </message>
    <message>
        <source>high</source>
        <translation>высокая</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>средняя</translation>
    </message>
    <message>
        <source>low</source>
        <translation>низкая</translation>
    </message>
    <message>
        <source>info</source>
        <translation>информация</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>connection attempt, no reply</source>
        <translation>попытка соединения без ответа</translation>
    </message>
    <message>
        <source>established, not closed</source>
        <translation>установлено, не закрыто</translation>
    </message>
    <message>
        <source>established and closed normally</source>
        <translation>установлено и закрыто штатно</translation>
    </message>
    <message>
        <source>attempt rejected (RST to the SYN)</source>
        <translation>попытка отклонена (RST на SYN)</translation>
    </message>
    <message>
        <source>established; the originator began closing, no answer</source>
        <translation>установлено; инициатор начал закрытие, ответа нет</translation>
    </message>
    <message>
        <source>established; the responder began closing, no answer</source>
        <translation>установлено; отвечающий начал закрытие, ответа нет</translation>
    </message>
    <message>
        <source>established; the originator aborted it (RST)</source>
        <translation>установлено; инициатор оборвал его (RST)</translation>
    </message>
    <message>
        <source>established; the responder aborted it (RST)</source>
        <translation>установлено; отвечающий оборвал его (RST)</translation>
    </message>
    <message>
        <source>the originator sent SYN then RST; no SYN-ACK seen</source>
        <translation>инициатор послал SYN, затем RST; SYN-ACK не видно</translation>
    </message>
    <message>
        <source>the responder sent SYN-ACK then RST; no SYN seen</source>
        <translation>отвечающий послал SYN-ACK, затем RST; SYN не видно</translation>
    </message>
    <message>
        <source>the originator sent SYN then FIN; no SYN-ACK seen (half open)</source>
        <translation>инициатор послал SYN, затем FIN; SYN-ACK не видно (полуоткрыто)</translation>
    </message>
    <message>
        <source>the responder sent SYN-ACK then FIN; no SYN seen</source>
        <translation>отвечающий послал SYN-ACK, затем FIN; SYN не видно</translation>
    </message>
    <message>
        <source>no SYN seen: traffic from mid-connection</source>
        <translation>SYN не видно: трафик с середины соединения</translation>
    </message>
    <message>
        <source>Zeek&apos;s connection states (TCP):</source>
        <translation>Состояния соединений Zeek (TCP):</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>в очереди</translation>
    </message>
    <message>
        <source>running</source>
        <translation>выполняется</translation>
    </message>
    <message>
        <source>done</source>
        <translation>готов</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>отменён</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>прерван</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::ServerPanel</name>
    <message>
        <source>Could not start: %1</source>
        <translation>Не удалось запустить: %1</translation>
    </message>
    <message>
        <source>Serving %1</source>
        <translation>Обслуживает %1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Остановлен</translation>
    </message>
    <message>
        <source>&lt;b&gt;Running&lt;/b&gt; — local REST API (see docs/rest-api.md)</source>
        <translation>&lt;b&gt;Работает&lt;/b&gt; — локальный REST API (см. docs/rest-api.md)</translation>
    </message>
    <message>
        <source>REST API server</source>
        <translation>Сервер REST API</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Порт:</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>Ключ API:</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Показать</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Копировать ключ</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>Копировать URL</translation>
    </message>
    <message>
        <source>Requests answered by the server appear here.</source>
        <translation>Здесь появляются запросы, на которые ответил сервер.</translation>
    </message>
    <message>
        <source>Stop server</source>
        <translation>Остановить сервер</translation>
    </message>
    <message>
        <source>Start server</source>
        <translation>Запустить сервер</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::SettingsDialog</name>
    <message>
        <source>Seconds since the first packet</source>
        <translation>Секунды от первого пакета</translation>
    </message>
    <message>
        <source>Date and time (UTC)</source>
        <translation>Дата и время (UTC)</translation>
    </message>
    <message>
        <source>History database</source>
        <translation>База истории</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db);;All files (*)</source>
        <translation>Базы SQLite (*.sqlite *.db);;Все файлы (*)</translation>
    </message>
    <message>
        <source>IOC lists</source>
        <translation>Списки IOC</translation>
    </message>
    <message>
        <source>Lists (*.txt *.csv);;All files (*)</source>
        <translation>Списки (*.txt *.csv);;Все файлы (*)</translation>
    </message>
    <message>
        <source>%1.%2: &quot;%3&quot; is not a number</source>
        <translation>%1.%2: «%3» — не число</translation>
    </message>
    <message>
        <source>%1.%2: &quot;%3&quot; is not a non-negative number</source>
        <translation>%1.%2: «%3» — не неотрицательное число</translation>
    </message>
    <message>
        <source>Capture storage</source>
        <translation>Хранилище захватов</translation>
    </message>
    <message>
        <source>History database: %1</source>
        <translation>База истории: %1</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::StartPage</name>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 — no longer there</source>
        <translation>%1 — файла больше нет</translation>
    </message>
    <message>
        <source>No captures opened yet: they are listed here once opened.</source>
        <translation>Захваты ещё не открывались: открытые захваты появятся здесь.</translation>
    </message>
    <message>
        <source>The sample capture is not installed</source>
        <translation>Пример захвата не установлен</translation>
    </message>
    <message>
        <source>PacketLens</source>
        <translation>PacketLens</translation>
    </message>
    <message>
        <source>Open a capture (pcap, pcapng, .gz or .zip) or drop it here; each opens in a tab of its own.</source>
        <translation>Откройте захват (pcap, pcapng, .gz или .zip) или перетащите его сюда; каждый открывается в своей вкладке.</translation>
    </message>
    <message>
        <source>Open capture…</source>
        <translation>Открыть захват…</translation>
    </message>
    <message>
        <source>Open the sample capture</source>
        <translation>Открыть пример захвата</translation>
    </message>
    <message>
        <source>Start live capture…</source>
        <translation>Начать захват трафика…</translation>
    </message>
    <message>
        <source>History of analyses</source>
        <translation>История анализов</translation>
    </message>
    <message>
        <source>Recent captures</source>
        <translation>Недавние захваты</translation>
    </message>
    <message>
        <source>Open: Ctrl+O · History: Ctrl+H · Filter: Ctrl+F · Re-analyze: F5</source>
        <translation>Открыть: Ctrl+O · История: Ctrl+H · Фильтр: Ctrl+F · Повторный анализ: F5</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::Table</name>
    <message>
        <source>Copy as CSV</source>
        <translation>Копировать как CSV</translation>
    </message>
</context>
<context>
    <name>packetlens::gui::TimelinePage</name>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Серьёзность</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>Узлы</translation>
    </message>
    <message>
        <source>all kinds</source>
        <translation>все виды</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Узел:</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP-адрес</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Вид:</translation>
    </message>
    <message>
        <source>Drag over the chart to zoom, right-click to zoom out; double-click an event to show its packets.</source>
        <translation>Протяните мышью по графику, чтобы увеличить, правый щелчок — уменьшить; двойной щелчок по событию показывает его пакеты.</translation>
    </message>
    <message>
        <source>time (UTC)</source>
        <translation>время (UTC)</translation>
    </message>
    <message>
        <source>packets per %1 s</source>
        <translation>пакетов за %1 с</translation>
    </message>
    <message>
        <source>This event names no packets</source>
        <translation>Это событие не ссылается на пакеты</translation>
    </message>
</context>
</TS>
