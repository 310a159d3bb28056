import type { RoundPair } from "@huzhu/contracts";
import { GraphChart } from "echarts/charts";
import { LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";

// Only the parts the graph uses: this chunk loads when the graph tab is opened, never before.
echarts.use([GraphChart, LegendComponent, TooltipComponent, CanvasRenderer]);

interface GraphNode {
  id: string;
  name: string;
  category: number;
  symbol: string;
  symbolSize: number;
  value: number;
}

/** Nodes (helpers as squares, recipients as circles, coloured by town), links (the pairs) and the towns. */
export function graphData(pairs: RoundPair[], noTown: string) {
  const towns: string[] = [];
  const townOf = (name: string) => {
    const i = towns.indexOf(name);
    if (i >= 0) return i;
    towns.push(name);
    return towns.length - 1;
  };
  const nodes = new Map<string, GraphNode>();
  for (const pair of pairs) {
    for (const [org, helper] of [
      [pair.helperOrg, true],
      [pair.recipientOrg, false],
    ] as const) {
      const id = `o${org.id}`;
      const existing = nodes.get(id);
      if (existing) {
        existing.value += 1;
        existing.symbolSize = Math.min(36, existing.symbolSize + 4);
        continue;
      }
      nodes.set(id, {
        id,
        name: org.name,
        category: townOf(org.town?.name ?? noTown),
        symbol: helper ? "rect" : "circle",
        symbolSize: helper ? 18 : 14,
        value: 1,
      });
    }
  }
  // Each town's hub (its name) holds the town's organizations together: the graph groups by town.
  const hubs = towns.map((name, category) => ({
    id: `town:${category}`,
    name,
    category,
    symbol: "diamond",
    symbolSize: 8,
    value: 0,
    label: { show: true, fontWeight: "bold" as const, fontSize: 12 },
  }));
  const tethers = [...nodes.values()].map((n) => ({
    source: `town:${n.category}`,
    target: n.id,
    value: 0,
    lineStyle: { opacity: 0 },
    tooltip: { show: false },
  }));
  const links = pairs.map((p) => ({
    source: `o${p.helperOrg.id}`,
    target: `o${p.recipientOrg.id}`,
    value: p.score,
    lineStyle: p.locked ? { width: 3, type: "solid" as const } : undefined,
  }));
  return { nodes: [...nodes.values(), ...hubs], links: [...links, ...tethers], towns, pairNodes: nodes.size };
}

/**
 * The pairs as a graph, helpers → recipients, grouped (coloured, with a legend) by town: ECharts'
 * graph with a force layout, loaded lazily. The list beside it says the same in words.
 */
export default function PairingGraph(props: { pairs: RoundPair[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const data = useMemo(() => graphData(props.pairs, t("pairing.graph.noTown")), [props.pairs, t]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: "canvas" });
    chart.setOption({
      tooltip: {
        formatter: (p: {
          dataType?: string;
          name?: string;
          data?: { source?: string; target?: string; value?: number };
        }) => {
          if (p.dataType === "edge") {
            if (!p.data?.value) return "";
            const name = (id?: string) => data.nodes.find((n) => n.id === id)?.name ?? "";
            return `${name(p.data.source)} → ${name(p.data.target)}<br/>${t("pairing.result.score", { score: p.data.value })}`;
          }
          return p.name ?? "";
        },
      },
      legend: { type: "scroll", bottom: 0, data: data.towns },
      series: [
        {
          type: "graph",
          layout: "force",
          top: 24,
          bottom: 48,
          roam: true,
          draggable: true,
          categories: data.towns.map((name) => ({ name })),
          data: data.nodes,
          links: data.links,
          edgeSymbol: ["none", "arrow"],
          edgeSymbolSize: 6,
          force: { repulsion: 45, edgeLength: [20, 60], gravity: 0.08, friction: 0.2 },
          lineStyle: { color: "source", opacity: 0.6, curveness: 0.1 },
          emphasis: { focus: "adjacency" },
          label: { show: data.pairNodes <= 30, position: "right", fontSize: 11 },
        },
      ],
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [data, t]);

  return (
    <div
      ref={ref}
      role="img"
      aria-label={t("pairing.graph.label", { pairs: props.pairs.length, towns: data.towns.length })}
      data-testid="round-graph"
      style={{ width: "100%", height: 480 }}
    />
  );
}
