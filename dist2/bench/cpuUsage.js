"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.trackPostgres = trackPostgres;
exports.parentPid = parentPid;
exports.cpuWindow = cpuWindow;
exports.cpuLine = cpuLine;
/**
 * Where the machine's CPU went during a measured window: each named process
 * (from /proc/<pid>/stat), every Postgres backend together, this process,
 * and the whole machine (/proc/stat), as shares of one core (100% = one core
 * busy; this machine has os.cpus().length cores).
 */
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const TICKS_PER_SECOND = 100; // USER_HZ on Linux
/** Fields of /proc/<pid>/stat after the command name (index 0 = state). */
function statFields(pid) {
    try {
        const stat = node_fs_1.default.readFileSync(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    }
    catch {
        return undefined;
    }
}
function processTicks(pid) {
    const fields = statFields(pid);
    return fields ? Number(fields[11]) + Number(fields[12]) : 0; // utime + stime
}
let postmaster;
/** Counts only this Postgres server's processes (its postmaster and its children), not other servers on the machine. */
function trackPostgres(postmasterPid) {
    postmaster = postmasterPid;
}
/** The postmaster of the server behind a backend pid (the backend's parent). */
function parentPid(pid) {
    const fields = statFields(pid);
    return fields ? Number(fields[1]) : undefined;
}
/**
 * CPU of every Postgres process of the tracked server (else of every server),
 * including backends that have exited: those are counted in their
 * postmaster's cutime + cstime once it has reaped them.
 */
function postgresTicks() {
    const postgres = new Set();
    for (const entry of node_fs_1.default.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry))
            continue;
        try {
            if (node_fs_1.default.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres')
                postgres.add(Number(entry));
        }
        catch {
            // gone meanwhile
        }
    }
    let total = 0;
    for (const pid of postgres) {
        const fields = statFields(pid);
        if (!fields)
            continue;
        if (postmaster !== undefined && pid !== postmaster && Number(fields[1]) !== postmaster)
            continue;
        total += Number(fields[11]) + Number(fields[12]);
        const parent = Number(fields[1]);
        if (!postgres.has(parent))
            total += Number(fields[13]) + Number(fields[14]); // the postmaster: its reaped children
    }
    return total;
}
function machineTicks() {
    const cpu = node_fs_1.default.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
    const total = cpu.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
}
/** Starts counting; the returned function gives the shares since. */
function cpuWindow(processes, selfLabel = 'bench (load generator)') {
    const start = {
        at: process.hrtime.bigint(),
        named: Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, processTicks(pid)])),
        postgres: postgresTicks(),
        self: process.cpuUsage(),
        machine: machineTicks(),
    };
    return () => {
        const seconds = Number(process.hrtime.bigint() - start.at) / 1e9;
        const cores = {};
        for (const [name, pid] of Object.entries(processes))
            cores[name] = (processTicks(pid) - start.named[name]) / TICKS_PER_SECOND / seconds;
        cores.postgres = (postgresTicks() - start.postgres) / TICKS_PER_SECOND / seconds;
        const self = process.cpuUsage(start.self);
        cores[selfLabel] = (self.user + self.system) / 1e6 / seconds;
        const machine = machineTicks();
        const total = machine.total - start.machine.total;
        return { cores, machineBusy: total > 0 ? (machine.busy - start.machine.busy) / total : 0, seconds };
    };
}
function cpuLine(label, shares) {
    const parts = Object.entries(shares.cores).filter(([, c]) => c >= 0.005).sort((a, b) => b[1] - a[1])
        .map(([name, c]) => `${name} ${(100 * c).toFixed(0)}%`);
    const ours = Object.values(shares.cores).reduce((a, b) => a + b, 0);
    const others = Math.max(0, shares.machineBusy * node_os_1.default.cpus().length - ours);
    return `- CPU during ${label} (100% = one core; ${node_os_1.default.cpus().length} cores): ${parts.join(', ')}; machine ${(100 * shares.machineBusy).toFixed(0)}% busy, ` +
        `of which ${(100 * others).toFixed(0)}% outside this benchmark's processes`;
}
//# sourceMappingURL=cpuUsage.js.map