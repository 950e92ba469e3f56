package org.truce.bulletins;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.truce.zones.Zone;

/**
 * The bulletin's pictures, drawn on the server as PNG so that the HTML and the PDF show the same ones: the 30-day
 * trend (XChart) and the map of the zones and the period's incidents (the shipped outlines, no base layer).
 */
public final class Figures {

  /** Finding colours, shared with the map legend in the bulletin. */
  static final Map<String, Color> FINDING_COLOURS = Map.of(
      "verified", new Color(0xb2182b), "disputed", new Color(0xef8a62), "under_review", new Color(0xf4a582),
      "open", new Color(0x4393c3), "not_verified", new Color(0x878787), "dismissed", new Color(0xbababa));

  static final int MAP_WIDTH = 900;
  static final int MAP_HEIGHT = 640;

  private Figures() {}

  /** The zones on the shipped outlines, with no incident: the picture on the sign-in page (zones are public). */
  public static byte[] zonesMap(List<Zone> zones) {
    return map(zones, List.of(), null);
  }

  /** The trend chart: incidents and verified incidents per day. */
  static byte[] trend(List<Bulletin.TrendDay> days) {
    CategoryChart chart = new CategoryChartBuilder().width(900).height(300).xAxisTitle("Day").yAxisTitle("Incidents").build();
    Styler s = chart.getStyler();
    s.setLegendPosition(Styler.LegendPosition.InsideNW);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setSeriesColors(new Color[] {new Color(0x4393c3), new Color(0xb2182b)});
    chart.getStyler().setOverlapped(true);
    chart.getStyler().setXAxisLabelRotation(60);
    chart.getStyler().setAntiAlias(true);
    List<String> x = new ArrayList<>();
    List<Long> all = new ArrayList<>();
    List<Long> verified = new ArrayList<>();
    for (Bulletin.TrendDay d : days) {
      x.add(d.date().toString().substring(5));
      all.add(d.incidents());
      verified.add(d.verified());
    }
    chart.addSeries("incidents", x, all);
    chart.addSeries("verified", x, verified);
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The map: the area of operation, the zones, and each incident of the period as a dot coloured by finding. */
  static byte[] map(List<Zone> zones, List<Bulletin.Line> incidents, String focusZone) {
    Envelope found = new Envelope();
    for (Zone z : zones) {
      if (focusZone == null ? z.isAreaOfOperation() : z.id().equals(focusZone)) {
        found.expandToInclude(z.geometry().getEnvelopeInternal());
      }
    }
    Envelope box = found.isNull() ? new Envelope(35.5, 42.5, 32.2, 37.4) : found;
    box.expandBy(Math.max(box.getWidth(), box.getHeight()) * 0.04);
    double kx = Math.cos(Math.toRadians(box.centre().y));
    double scale = Math.min(MAP_WIDTH / (box.getWidth() * kx), MAP_HEIGHT / box.getHeight());
    double ox = (MAP_WIDTH - box.getWidth() * kx * scale) / 2;
    double oy = (MAP_HEIGHT - box.getHeight() * scale) / 2;
    Projection p = (lon, lat) -> new double[] {ox + (lon - box.getMinX()) * kx * scale, oy + (box.getMaxY() - lat) * scale};

    BufferedImage img = new BufferedImage(MAP_WIDTH, MAP_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(new Color(0xeef3f7));
      g.fillRect(0, 0, MAP_WIDTH, MAP_HEIGHT);
      for (Zone z : zones) {
        Path2D path = path(z.geometry(), p);
        if (z.isAreaOfOperation()) {
          g.setColor(new Color(0xfbfaf6));
          g.fill(path);
          g.setColor(new Color(0x8c8c8c));
          g.setStroke(new BasicStroke(1.5f));
          g.draw(path);
        }
      }
      for (Zone z : zones) {
        if (z.isAreaOfOperation()) {
          continue;
        }
        Path2D path = path(z.geometry(), p);
        boolean focus = z.id().equals(focusZone);
        if (z.geometry() instanceof org.locationtech.jts.geom.Polygonal) {
          g.setColor(new Color(0x1f, 0x4e, 0x79, focus ? 60 : 35));
          g.fill(path);
        }
        g.setColor(new Color(0x1f4e79));
        g.setStroke(new BasicStroke(focus ? 2.2f : 1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
        g.draw(path);
      }
      double r = incidents.size() > 5000 ? 1.6 : incidents.size() > 500 ? 2.6 : 4.0;
      // verified last, so it is drawn on top of the rest
      List<String> order = List.of("dismissed", "not_verified", "open", "under_review", "disputed", "verified");
      for (String finding : order) {
        g.setColor(FINDING_COLOURS.get(finding));
        for (Bulletin.Line l : incidents) {
          if (finding.equals(l.finding())) {
            double[] xy = p.at(l.lon(), l.lat());
            g.fill(new Ellipse2D.Double(xy[0] - r, xy[1] - r, 2 * r, 2 * r));
          }
        }
      }
    } finally {
      g.dispose();
    }
    return png(img);
  }

  private interface Projection {
    double[] at(double lon, double lat);
  }

  private static Path2D path(Geometry geometry, Projection p) {
    Path2D path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
    for (int i = 0; i < geometry.getNumGeometries(); i++) {
      Geometry part = geometry.getGeometryN(i);
      if (part instanceof Polygon poly) {
        ring(path, poly.getExteriorRing().getCoordinates(), p);
        for (int h = 0; h < poly.getNumInteriorRing(); h++) {
          ring(path, poly.getInteriorRingN(h).getCoordinates(), p);
        }
      } else {
        Coordinate[] cs = part.getCoordinates();
        for (int k = 0; k < cs.length; k++) {
          double[] xy = p.at(cs[k].x, cs[k].y);
          if (k == 0) {
            path.moveTo(xy[0], xy[1]);
          } else {
            path.lineTo(xy[0], xy[1]);
          }
        }
      }
    }
    return path;
  }

  private static void ring(Path2D path, Coordinate[] cs, Projection p) {
    for (int k = 0; k < cs.length; k++) {
      double[] xy = p.at(cs[k].x, cs[k].y);
      if (k == 0) {
        path.moveTo(xy[0], xy[1]);
      } else {
        path.lineTo(xy[0], xy[1]);
      }
    }
    path.closePath();
  }

  private static byte[] png(BufferedImage img) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String dataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }

  static String hex(String finding) {
    Color c = FINDING_COLOURS.getOrDefault(finding, Color.GRAY);
    return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }
}
