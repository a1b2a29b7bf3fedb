// Finds transactions that have held a partition of a topic open for longer than a limit and
// aborts them, as Apache Kafka's `kafka-transactions.sh find-hanging` and `abort` do. Such a
// "hanging" transaction — partition records the coordinator no longer treats as open, seen here
// after a broker was killed mid-transaction — stops the partition's last stable offset, so
// read_committed consumers (the projector) see nothing after it, acknowledged events included.
// The limit must exceed the producers' transaction timeout (Plumbline: 10 s), so only
// transactions the coordinator would long have aborted are touched.
//
//   java -cp "<kafka jars>/*" infra/kafka/AbortHangingTransactions.java <bootstrap> <topic> <minAgeMs> [--dry-run]
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.common.TopicPartition;

public class AbortHangingTransactions {
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: AbortHangingTransactions <bootstrap> <topic> <minAgeMs> [--dry-run]");
      System.exit(2);
    }
    String topic = args[1];
    long minAgeMs = Long.parseLong(args[2]);
    boolean dryRun = args.length > 3 && args[3].equals("--dry-run");
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
      List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
          .map(p -> new TopicPartition(topic, p.partition()))
          .toList();
      long now = System.currentTimeMillis();
      int found = 0;
      for (var entry : admin.describeProducers(partitions).all().get().entrySet()) {
        for (ProducerState producer : entry.getValue().activeProducers()) {
          if (producer.currentTransactionStartOffset().isEmpty() || now - producer.lastTimestamp() < minAgeMs) continue;
          found++;
          System.out.printf("%s: producer %d (epoch %d) has held a transaction open since offset %d; last write %d s ago%s%n",
              entry.getKey(), producer.producerId(), producer.producerEpoch(), producer.currentTransactionStartOffset().getAsLong(),
              (now - producer.lastTimestamp()) / 1000, dryRun ? "" : ": aborting");
          if (!dryRun) {
            admin.abortTransaction(new AbortTransactionSpec(entry.getKey(), producer.producerId(), (short) producer.producerEpoch(), producer.coordinatorEpoch().orElse(-1))).all().get();
          }
        }
      }
      System.out.println(found == 0 ? "no hanging transactions" : found + " hanging transaction(s)" + (dryRun ? "" : " aborted"));
    }
  }
}
