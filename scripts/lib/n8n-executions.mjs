/**
 * Executions a real n8n stored, read straight from its SQLite database: execution_entity for the
 * status, execution_data for the run data, which n8n serialises with flatted (taken from n8n's
 * own node_modules). The REST API would need a logged-in owner and the CLI exports no executions.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { n8nPackageDir } from './runtime.mjs';

function openDatabase(instance) {
	// node:sqlite (Node 22.5+) reads the file n8n writes; n8n itself keeps using its own driver.
	const { DatabaseSync } = createRequire(import.meta.url)('node:sqlite');
	return new DatabaseSync(join(instance.userFolder, '.n8n', 'database.sqlite'), { readOnly: true });
}

function flatted(instance) {
	return createRequire(join(n8nPackageDir(instance.version), 'package.json'))('flatted');
}

/**
 * Executions n8n stored, oldest first, each `{ id, status, mode, finished, workflowId, data }`
 * with `data` the parsed IRunExecutionData (`data.resultData.runData[nodeName][run].data.main`).
 */
export function readExecutions(instance, { workflowId } = {}) {
	const db = openDatabase(instance);
	try {
		const where = workflowId ? 'WHERE e.workflowId = ?' : '';
		const rows = db
			.prepare(
				`SELECT e.id, e.status, e.mode, e.finished, e.workflowId, d.data
				 FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
				 ${where} ORDER BY e.id`,
			)
			.all(...(workflowId ? [workflowId] : []));
		const { parse } = flatted(instance);
		return rows.map((row) => ({ ...row, data: row.data ? parse(row.data) : undefined }));
	} finally {
		db.close();
	}
}

/** Polls until `count` executions of the workflow have finished (status no longer new/running). */
export async function waitForExecutions(instance, { workflowId, count = 1, timeoutMs = 20_000 }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const done = readExecutions(instance, { workflowId }).filter(
			(execution) => !['new', 'running', 'waiting'].includes(execution.status),
		);
		if (done.length >= count || Date.now() > deadline) return done;
		await sleep(250);
	}
}

/** Output items of `nodeName` in one stored execution (first run, first output unless told). */
export function nodeOutput(execution, nodeName, { output = 0, run = 0 } = {}) {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	return runs?.[run]?.data?.main?.[output]?.map((item) => item.json) ?? undefined;
}

/** How many executions of a workflow n8n has stored, and how many of them have finished. */
export function countExecutions(instance, workflowId) {
	const db = openDatabase(instance);
	try {
		const row = db
			.prepare(
				`SELECT COUNT(*) AS total,
				 SUM(CASE WHEN status NOT IN ('new', 'running', 'waiting') THEN 1 ELSE 0 END) AS done
				 FROM execution_entity WHERE workflowId = ?`,
			)
			.get(workflowId);
		return { total: Number(row.total), done: Number(row.done ?? 0) };
	} finally {
		db.close();
	}
}
