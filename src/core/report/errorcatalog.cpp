// SPDX-License-Identifier: GPL-3.0-or-later
// What the core says when a file cannot be read, in English (exactly the text
// the CLI, the REST API and the report give) and Russian. The core makes its
// English text from these rows (errorText); the app shows the Russian one
// (localizedError). Checked by tests/tools/check-category-titles.py.
#include "catalogrow.h"

#include <array>

namespace packetlens {

namespace {
using Row = CatalogueRow;

constexpr std::array kRows = {
    // A place and what went wrong there (an entry of an archive, a path).
    Row{"error.at", "%1: %2", "%1: %2"},

    // Files.
    Row{"error.file.missing", "%1: no such file", "%1: файл не найден"},
    Row{"error.file.directory", "%1 is a directory", "%1 — это папка, а не файл"},
    Row{"error.file.is_directory", "it is a directory", "это папка, а не файл"},
    Row{"error.file.cannot_open", "%1 cannot be opened: %2", "%1 не удаётся открыть: %2"},
    Row{"error.file.cannot_read", "%1 cannot be read: %2", "%1 не удаётся прочитать: %2"},
    Row{"error.file.empty", "%1 is empty", "%1 пуст"},
    Row{"error.file.empty_bytes", "%1 is empty (0 bytes)", "%1 пуст (0 байт)"},
    Row{"error.file.cannot_write", "cannot write %1: %2", "не удаётся записать %1: %2"},
    Row{"error.file.cannot_create", "cannot create %1: %2", "не удаётся создать %1: %2"},
    Row{"error.file.cannot_create_folder", "cannot create the folder %1: %2", "не удаётся создать папку %1: %2"},
    Row{"error.file.not_folder", "%1 is not a folder", "%1 — не папка"},
    Row{"error.file.made_private_folder", "%1 was readable by other users; it is now private to its owner (0700)",
        "%1 была доступна для чтения другим пользователям; теперь она доступна только владельцу (0700)"},
    Row{"error.file.made_private", "%1 was readable by other users; it is now private to its owner (0600)",
        "%1 был доступен для чтения другим пользователям; теперь он доступен только владельцу (0600)"},
    Row{"error.file.read", "read error: %1", "ошибка чтения: %1"},
    Row{"error.file.changed",
        "%1 was changed by another program while it was read (written to, cut short or replaced): this report may mix its old "
        "and new contents and is not kept in the history; analyze it again once it is complete",
        "%1 был изменён другой программой во время чтения (дописан, укорочен или заменён): отчёт может смешивать старое и новое "
        "содержимое и не сохраняется в истории; проанализируйте файл снова, когда он будет готов"},
    Row{"error.file.cut_by_other", "the file was cut short by another program while it was read",
        "файл был укорочен другой программой во время чтения"},
    Row{"error.file.cut_while_hashed", "the file was cut short while it was hashed", "файл был укорочен во время вычисления хеша"},
    Row{"error.file.history_database",
        "%1 is PacketLens' history database (or one of its files), in use by this program; it is neither read as a capture nor "
        "written over",
        "%1 — база данных истории PacketLens (или один из её файлов), которую использует эта программа; она не читается как "
        "захват и не перезаписывается"},

    // What a file is.
    Row{"error.capture.head", "starts with %1('%2')", "начинается с %1('%2')"},
    Row{"error.capture.empty", "empty", "пуст"},
    Row{"error.capture.not_capture", "not a capture (pcap, pcapng, gzip or zip): %1", "не захват (pcap, pcapng, gzip или zip): %1"},
    Row{"error.capture.not_capture_entry", "not a capture (%1)", "не захват (%1)"},
    Row{"error.capture.not_pcap", "%1 is not a pcap or pcapng capture (%2)", "%1 — не захват pcap или pcapng (%2)"},
    Row{"error.capture.not_capture_file", "%1 is not a pcap, pcapng, gzip or zip file (%2)",
        "%1 — не файл pcap, pcapng, gzip или zip (%2)"},
    Row{"error.capture.too_short", "%1 is too short (%2 bytes) to be a capture", "%1 слишком короток для захвата (байт: %2)"},
    Row{"error.capture.truncated_header", "truncated %1 header (%2 of %3 bytes)", "заголовок %1 обрезан (%2 из %3 байт)"},
    Row{"error.capture.invalid_pcap_header", "%1 has an invalid pcap header: %2", "у %1 неверный заголовок pcap: %2"},
    Row{"error.capture.libpcap_stream", "cannot create a stream for libpcap", "не удаётся создать поток для libpcap"},
    Row{"error.capture.stopped",
        "reading stopped at byte %1: %2; the %3 packets before it were analyzed",
        "чтение остановлено на байте %1: %2; пакеты до этого места проанализированы (%3 шт.)"},
    Row{"error.capture.cancelled", "analysis of %1 was cancelled", "анализ %1 отменён"},

    // pcap records (libpcap's own words, so that its messages read the same).
    Row{"error.pcap.cut_record_header", "truncated dump file; tried to read 16 header bytes, only got %1",
        "файл обрезан: из 16 байт заголовка записи прочитано только %1"},
    Row{"error.pcap.cut_record", "truncated dump file; tried to read %1 captured bytes, only got %2",
        "файл обрезан: из %1 байт пакета прочитано только %2"},
    Row{"error.pcap.caplen_snaplen", "invalid packet capture length %1, bigger than snaplen of %2",
        "неверная длина захваченного пакета %1: больше длины среза %2"},
    Row{"error.pcap.caplen_max", "invalid packet capture length %1, bigger than maximum of %2",
        "неверная длина захваченного пакета %1: больше максимума %2"},

    // pcapng blocks.
    Row{"error.pcapng.no_byte_order", "pcapng section header without its byte-order magic",
        "заголовок секции pcapng без метки порядка байтов"},
    Row{"error.pcapng.bad_section_length", "pcapng section header with a bad length (%1)",
        "заголовок секции pcapng с неверной длиной (%1)"},
    Row{"error.pcapng.no_section", "no section header block", "нет блока заголовка секции"},
    Row{"error.pcapng.trailer", "block trailer length does not match its header", "длина в конце блока не совпадает с его заголовком"},
    Row{"error.pcapng.cut_in_block", "capture cut inside a block (%1 of %2 bytes present)",
        "захват обрывается внутри блока (есть %1 из %2 байт)"},
    Row{"error.pcapng.cut_block_header", "capture cut in a block header (%1 of 8 bytes)",
        "захват обрывается в заголовке блока (%1 из 8 байт)"},
    Row{"error.pcapng.cut_section", "capture cut in a section header", "захват обрывается в заголовке секции"},
    Row{"error.pcapng.bad_byte_order", "section header has an invalid byte-order magic",
        "в заголовке секции неверная метка порядка байтов"},
    Row{"error.pcapng.no_leading_section", "capture does not start with a section header block",
        "захват не начинается с блока заголовка секции"},
    Row{"error.pcapng.bad_block_length", "block of type 0x%1 has an invalid length %2", "у блока типа 0x%1 неверная длина %2"},
    Row{"error.pcapng.short_section", "section header block shorter than 28 bytes", "блок заголовка секции короче 28 байт"},
    Row{"error.pcapng.version", "unsupported pcapng version %1.%2", "неподдерживаемая версия pcapng %1.%2"},
    Row{"error.pcapng.unpublished_version",
        "section header says pcapng version 1.%1, which is not a published version; read as 1.0",
        "в заголовке секции указана версия pcapng 1.%1, которая не опубликована; файл прочитан как 1.0"},
    Row{"error.pcapng.short_interface", "interface description block too short", "блок описания интерфейса слишком короткий"},
    Row{"error.pcapng.too_many_interfaces", "more than %1 interfaces", "больше %1 интерфейсов"},
    Row{"error.pcapng.long_option", "interface %1: option %2 longer than its block; ignored",
        "интерфейс %1: параметр %2 длиннее своего блока; пропущен"},
    Row{"error.pcapng.tsresol", "interface %1: timestamp resolution 10^-%2 not supported; using µs",
        "интерфейс %1: точность меток времени 10^-%2 не поддерживается; используются мкс"},
    Row{"error.pcapng.short_simple_packet", "simple packet block too short", "простой блок пакета слишком короткий"},
    Row{"error.pcapng.short_packet", "packet block too short", "блок пакета слишком короткий"},
    Row{"error.pcapng.caplen", "packet length %1 exceeds its block", "длина пакета %1 больше его блока"},
    Row{"error.pcapng.undefined_interface", "packet refers to undefined interface %1",
        "пакет ссылается на неописанный интерфейс %1"},

    // gzip and zip.
    Row{"error.gzip.content", "the gzip content of %1", "содержимое gzip-файла %1"},
    Row{"error.gzip.corrupt", "gzip stream is corrupt: %1", "поток gzip повреждён: %1"},
    Row{"error.decompress.size", "decompressed size exceeds the limit of %1 bytes", "распакованный размер превышает предел %1 байт"},
    Row{"error.decompress.ratio", "decompression ratio exceeds %1:1 (possible decompression bomb)",
        "степень сжатия превышает %1:1 (возможно, «zip-бомба»)"},
    Row{"error.zip.unreadable", "%1 is not a readable zip archive (error %2)", "%1 — не читаемый zip-архив (ошибка %2)"},
    Row{"error.zip.no_capture", "%1 holds no pcap or pcapng capture%2", "в %1 нет захвата pcap или pcapng%2"},
    Row{"error.zip.entries", " (entries: %1)", " (элементы: %1)"},
    Row{"error.zip.directory", "%1: cannot read the zip directory", "%1: не удаётся прочитать оглавление zip-архива"},
    Row{"error.zip.aes", "%1: AES-encrypted entries are not supported", "%1: элементы, зашифрованные AES, не поддерживаются"},
    Row{"error.zip.cannot_open_entry", "cannot open entry (error %1)", "не удаётся открыть элемент (ошибка %1)"},
    Row{"error.zip.password_default", "encrypted; the password 'infected' did not open it",
        "зашифрован; пароль 'infected' не подошёл"},
    Row{"error.zip.password_given", "encrypted; the password given and 'infected' did not open it",
        "зашифрован; ни указанный пароль, ни 'infected' не подошли"},
    Row{"error.zip.entry_corrupt", "zip entry is corrupt or the password is wrong (error %1)",
        "элемент zip-архива повреждён или пароль неверен (ошибка %1)"},
    Row{"error.zip.nested", "nested archive, not opened", "вложенный архив, не открывается"},
    Row{"error.zip.skipped", "archive entry skipped: %1", "элемент архива пропущен: %1"},

    // The history database and the REST server.
    Row{"error.history.cannot_open", "cannot open %1: %2", "не удаётся открыть %1: %2"},
    Row{"error.history.cannot_connect", "cannot connect to %1: %2", "не удаётся подключиться к %1: %2"},
    Row{"error.history.corrupt", "%1 is corrupt (%2); it was left untouched", "%1 повреждена (%2); она оставлена как есть"},
    Row{"error.history.newer", "%1 was written by a newer PacketLens (schema %2, this one knows %3)",
        "%1 записана более новой версией PacketLens (схема %2, эта версия знает %3)"},
    Row{"error.history.other_sqlite", "%1 is an SQLite database of another program; it was left untouched",
        "%1 — база данных SQLite другой программы; она оставлена как есть"},
    Row{"error.history.other_schema",
        "%1 holds tables of another program (schema %2); PacketLens keeps its history in a database (or schema) of its own "
        "and left this one untouched",
        "в %1 есть таблицы другой программы (схема %2); PacketLens хранит историю в собственной базе данных (или схеме) "
        "и оставил эту как есть"},
    Row{"error.history.replaced_here",
        "%1 was deleted or replaced while this program still has the old database open; it is opened again once those "
        "connections have closed",
        "%1 удалена или заменена, пока эта программа держит старую базу открытой; она будет открыта снова, когда эти "
        "подключения закроются"},
    Row{"error.history.wal_left",
        "%1 was deleted while a program had it open: its write-ahead log %1-wal remains. It is not opened, so that the log is "
        "not read into a new, empty database; it can be once the programs using it have stopped",
        "%1 удалена, пока её держала открытой программа: остался её журнал упреждающей записи %1-wal. База не открывается, "
        "чтобы журнал не попал в новую пустую базу; её можно будет открыть, когда использующие её программы завершатся"},
    Row{"error.history.replaced",
        "the history database %1 was deleted or replaced while it was in use; nothing more is written to the old one (it is "
        "opened again, new, by the next connection)",
        "база данных истории %1 удалена или заменена во время работы; в старую больше ничего не записывается (следующее "
        "подключение откроет её заново, новой)"},
    Row{"error.db.usage", "a file path or postgresql://user@host:port/database", "путь к файлу или postgresql://user@host:port/database"},
    Row{"error.db.invalid_uri", "%1 is not a valid PostgreSQL URI (%2): expected %3", "%1 — неверный URI PostgreSQL (%2): ожидается %3"},
    Row{"error.db.password", "the PostgreSQL URI holds a password: put it in ~/.pgpass or PGPASSWORD (libpq reads them), not in the URI, where it would be kept in clear",
        "в URI PostgreSQL указан пароль: укажите его в ~/.pgpass или PGPASSWORD (их читает libpq), а не в URI, где он хранился бы открытым текстом"},
    Row{"error.db.path", "%1: the path of a PostgreSQL URI is one database name", "%1: путь в URI PostgreSQL — это одно имя базы данных"},
    Row{"error.db.semicolon", "%1: the parameter %2 cannot hold ';'", "%1: параметр %2 не может содержать ';'"},
    Row{"error.db.none", "no history database given: expected %1", "база данных истории не указана: ожидается %1"},
    Row{"error.db.not_uri", "%1 is not a PostgreSQL URI: expected postgresql://user@host:port/database",
        "%1 — не URI PostgreSQL: ожидается postgresql://user@host:port/database"},
    Row{"error.db.unknown_scheme", "%1: unknown kind of database \"%2:\"; the history is %3",
        "%1: неизвестный вид базы данных «%2:»; история — это %3"},
    Row{"error.settings.detection", "detection settings: %1", "настройки обнаружения: %1"},
    Row{"error.settings.ioc", "IOC list %1: %2", "список индикаторов %1: %2"},
    Row{"error.settings.unknown_detector", "unknown detector '%1'", "неизвестный детектор '%1'"},
    Row{"error.settings.unknown_setting", "unknown setting '%1.%2'", "неизвестный параметр '%1.%2'"},
    Row{"error.settings.wrong_type", "setting '%1.%2' has the wrong type", "у параметра '%1.%2' неверный тип"},
    Row{"error.settings.range", "setting '%1.%2' must be a number from 0 to %3", "параметр '%1.%2' должен быть числом от 0 до %3"},
    Row{"error.settings.not_object", "%1: not a JSON object (%2)", "%1: не объект JSON (%2)"},
    Row{"error.server.listen", "cannot listen on %1 port %2: %3", "не удаётся принимать подключения на %1, порт %2: %3"},
    Row{"error.server.running", "the server is running already", "сервер уже запущен"},
    Row{"error.server.not_loopback", "%1 is not a loopback address; serving on it needs an explicit choice",
        "%1 — не адрес loopback; чтобы обслуживать на нём, нужно явно это разрешить"},

    // Live captures.
    Row{"error.live.helper_not_found",
        "the capture helper packetlens-capture was not found beside the program or on PATH (PACKETLENS_CAPTURE_HELPER names it)",
        "программа захвата packetlens-capture не найдена ни рядом с программой, ни в PATH (её путь задаёт PACKETLENS_CAPTURE_HELPER)"},
    Row{"error.live.helper_missing", "the capture helper %1 was not found (set PACKETLENS_CAPTURE_HELPER)",
        "программа захвата %1 не найдена (задайте PACKETLENS_CAPTURE_HELPER)"},
    Row{"error.live.helper_not_started", "the capture helper did not start capturing", "программа захвата не начала захват"},
    Row{"error.live.helper_killed", "the capture helper was killed", "программа захвата была принудительно завершена"},
    Row{"error.live.helper_failed", "the capture helper failed (exit %1)", "ошибка программы захвата (код выхода %1)"},
    Row{"error.live.list_failed", "%1 -D failed", "%1 -D завершилась с ошибкой"},
    Row{"error.live.cannot_run", "cannot run %1: %2", "не удаётся запустить %1: %2"},
    Row{"error.live.filter_unchecked", "libpcap could not check the filter", "libpcap не смогла проверить фильтр"},
    Row{"error.live.no_packets_arrived", "no packets arrived", "пакеты не поступили"},
    Row{"error.live.none_captured", "no packets were captured", "не захвачено ни одного пакета"},
    Row{"error.live.not_saved", "the capture could not be saved; stopped", "захват не удалось сохранить; остановлен"},
    Row{"error.live.stream_cut", "the stream ended inside a packet: %1", "поток оборвался внутри пакета: %1"},
    Row{"error.live.grant",
        "Capturing needs root or the capabilities CAP_NET_RAW and CAP_NET_ADMIN, which only the capture helper %1 needs to "
        "hold (PacketLens itself never runs privileged). Either join the group 'packetlens', whose members may run the "
        "helper with them (the Debian package sets it up; from a build: sudo installer/grant-capture.sh %1): sudo usermod "
        "-aG packetlens $USER, then log in again; or grant them to the helper for every user:\n"
        "  sudo setcap cap_net_raw,cap_net_admin=eip %1",
        "Для захвата нужны права root или возможности CAP_NET_RAW и CAP_NET_ADMIN, которые достаточно дать только "
        "программе захвата %1 (сам PacketLens никогда не работает с повышенными правами). Либо вступите в группу "
        "'packetlens', члены которой могут запускать программу захвата с этими возможностями (пакет Debian настраивает "
        "это сам; для сборки из исходников: sudo installer/grant-capture.sh %1): sudo usermod -aG packetlens $USER, "
        "затем войдите в систему заново; либо дайте их программе захвата для всех пользователей:\n"
        "  sudo setcap cap_net_raw,cap_net_admin=eip %1"},
    Row{"error.live.no_packets", "no packets were captured: nothing to record", "не захвачено ни одного пакета: сохранять нечего"},
    Row{"error.live.busy", "another process is analyzing the same capture", "тот же захват анализирует другой процесс"},
};
} // namespace

std::span<const CatalogueRow> errorCatalogueRows()
{
    return kRows;
}

} // namespace packetlens
