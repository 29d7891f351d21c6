/** One bar of a BarChart: its label, value out of max, the figures as text, and an optional tone. */
export interface Bar {
	label: string;
	value: number;
	max: number;
	text: string;
	tone?: 'good' | 'bad' | 'neutral';
}
