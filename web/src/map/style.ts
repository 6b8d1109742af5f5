// The map's style, built in code: a background colour and GeoJSON sources only, so the map
// needs no tile server, no glyphs and nothing from outside Vigil's own server. Sites and
// incidents are clustered at low zoom (the circle grows with the number it stands for).

import type { LayerSpecification, StyleSpecification } from "maplibre-gl";

const EMPTY: GeoJSON.FeatureCollection = { type: "FeatureCollection", features: [] };

export const COLOURS = {
  background: "#eef1f4",
  area: "#8a94a6",
  aggregate: "#b3541e",
  site: "#1d6b45",
  incident: "#b3261e",
  movement: "#1f5fbf",
  finding: "#6b2fa3",
};

function clustered(name: "sites" | "incidents", colour: string): LayerSpecification[] {
  return [
    {
      id: `${name}-clusters`, type: "circle", source: name, filter: ["has", "point_count"],
      paint: {
        "circle-color": colour, "circle-opacity": 0.75,
        "circle-radius": ["step", ["get", "point_count"], 12, 5, 16, 20, 22],
        "circle-stroke-color": "#ffffff", "circle-stroke-width": 2,
      },
    },
    {
      id: `${name}-points`, type: "circle", source: name, filter: ["!", ["has", "point_count"]],
      paint: {
        "circle-color": colour, "circle-radius": name === "sites" ? 7 : 6,
        "circle-stroke-color": "#ffffff", "circle-stroke-width": 1.5,
      },
    },
  ];
}

export function style(): StyleSpecification {
  const geojson = (cluster: boolean) =>
    ({ type: "geojson", data: EMPTY, ...(cluster ? { cluster: true, clusterRadius: 40, clusterMaxZoom: 12 } : {}) }) as const;
  return {
    version: 8,
    sources: {
      areas: geojson(false),
      movements: geojson(false),
      findings: geojson(false),
      sites: geojson(true),
      incidents: geojson(true),
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": COLOURS.background } },
      {
        id: "areas-fill", type: "fill", source: "areas",
        paint: {
          // Published incidents (no coordinates) shade their governorate by how many there are.
          "fill-color": ["case", [">", ["get", "count"], 0], COLOURS.aggregate, "#ffffff"],
          "fill-opacity": ["case", [">", ["get", "count"], 0], ["min", 0.7, ["+", 0.15, ["*", 0.05, ["get", "count"]]]], 0.6],
        },
      },
      {
        id: "areas-line", type: "line", source: "areas",
        paint: {
          "line-color": COLOURS.area,
          "line-width": ["match", ["get", "level"], "neighbourhood", 0.5, 1.2],
        },
      },
      { id: "movements-line", type: "line", source: "movements", paint: { "line-color": COLOURS.movement, "line-width": 3 } },
      {
        id: "findings-ring", type: "circle", source: "findings",
        paint: {
          "circle-radius": 13, "circle-opacity": 0,
          "circle-stroke-color": COLOURS.finding, "circle-stroke-width": 2.5,
        },
      },
      ...clustered("incidents", COLOURS.incident),
      ...clustered("sites", COLOURS.site),
    ],
  };
}
