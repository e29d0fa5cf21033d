import type { Direction, Level } from './goals';
import type { Frequency } from './periods';
import type { IndicatorSummary } from './series';

/** An indicator as the API and the pages show it. */
export interface IndicatorView {
	id: string;
	workspaceId: string;
	name: string;
	definition: string;
	unit: string;
	direction: Direction;
	frequency: Frequency;
	target: Level | null;
	warning: Level | null;
	alert: Level | null;
	targetSteps: { from: string; target: Level }[];
	recalculateFrom: string[];
	owner: { id: string; name: string } | null;
	categoryId: string | null;
	dataSource: string;
	archived: boolean;
	summary: IndicatorSummary;
	createdAt: string;
	updatedAt: string;
}
