// The parts of Apache ECharts the radar chart uses (radar, legend, SVG), registered once. Loaded on
// demand by RadarChart.tsx, so that pages without a radar do not download it.
import { RadarChart } from 'echarts/charts';
import { LegendComponent } from 'echarts/components';
import { init, use as register } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

register([RadarChart, LegendComponent, SVGRenderer]);

export { init };
