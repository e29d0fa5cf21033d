import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * CPU and memory of a server process, read from /proc (Linux only). CPU is
 * utime+stime in clock ticks; peak memory is VmHWM, which the kernel keeps for
 * the whole life of the process: that is why every scenario starts a fresh one.
 */

let ticksPerSecond: number | null = null;

function readTicksPerSecond(): number {
	if (ticksPerSecond === null) {
		const raw = execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim();
		const value = Number(raw);
		// 100 is what every Linux build in practice reports; only a broken getconf lands here.
		ticksPerSecond = Number.isInteger(value) && value > 0 ? value : 100;
	}
	return ticksPerSecond;
}

/** Total CPU time the process used so far, in milliseconds. */
export function readCpuMs(pid: number): number {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// The command name (field 2) may contain spaces and parentheses; fields after its
	// closing parenthesis are fixed: state is field 3, utime 14, stime 15.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const utime = Number(fields[14 - 3]);
	const stime = Number(fields[15 - 3]);
	return ((utime + stime) * 1000) / readTicksPerSecond();
}

/** Peak resident memory of the process so far, in MB (VmHWM). */
export function readPeakRssMb(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
	if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
	return Number(match[1]) / 1024;
}

/** Resident memory now (VmRSS), in MB. */
export function readRssMb(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
	if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
	return Number(match[1]) / 1024;
}

/** CPU time all processes on the machine used so far (every core), in milliseconds. */
export function readMachineBusyMs(): number {
	const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
	// cpu user nice system idle iowait irq softirq steal ...; idle and iowait are not busy.
	const [user, nice, system, , , irq, softirq, steal] = line
		.trim()
		.split(/\s+/)
		.slice(1)
		.map(Number);
	return ((user + nice + system + irq + softirq + (steal || 0)) * 1000) / readTicksPerSecond();
}

/** Measures the CPU share of one process over a window: % of one core. */
export class CpuWindow {
	private startCpu: number;
	private startWall: number;

	constructor(private readonly pid: number) {
		this.startCpu = readCpuMs(pid);
		this.startWall = performance.now();
	}

	percent(): number {
		const cpu = readCpuMs(this.pid) - this.startCpu;
		const wall = performance.now() - this.startWall;
		return wall > 0 ? (cpu / wall) * 100 : 0;
	}
}

/** The same for the bench process itself (all its threads), from process.cpuUsage(). */
export class OwnCpuWindow {
	private start = process.cpuUsage();
	private startWall = performance.now();

	percent(): number {
		const used = process.cpuUsage(this.start);
		const wall = performance.now() - this.startWall;
		return wall > 0 ? ((used.user + used.system) / 1000 / wall) * 100 : 0;
	}
}

/**
 * Waits until the rest of the machine (everything but this process) used less
 * than `maxPercent` of a core over a 2 s sample, or `timeoutMs` passed.
 * Returns that last sample's share.
 */
export async function waitForQuietMachine(maxPercent: number, timeoutMs: number): Promise<number> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const machine = readMachineBusyMs();
		const own = process.cpuUsage();
		const start = performance.now();
		await new Promise((r) => setTimeout(r, 2000));
		const used = process.cpuUsage(own);
		const others = readMachineBusyMs() - machine - (used.user + used.system) / 1000;
		const percent = (others / (performance.now() - start)) * 100;
		if (percent < maxPercent || performance.now() > deadline) return percent;
	}
}
