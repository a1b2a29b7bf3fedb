// Finds the transactions that have held a partition of a topic open for longer than a limit and
// ends each the way its coordinator decided, as Apache Kafka's `kafka-transactions.sh
// find-hanging` does for finding them. Such a "hanging" transaction — partition records no
// marker ever ended — stops the partition's last stable offset, so read_committed consumers (the
// projector) see nothing after it, acknowledged events included.
//
// A broker killed just after acknowledging a commit can leave one: on restart its coordinator
// completes the commit before the partitions have a leader again, takes them for deleted, and
// skips their markers (KAFKA-5202's handling), so committed records hang. Aborting those would
// drop events their producer was told were written, so a transaction its coordinator committed
// is committed here (a COMMIT marker, through the Admin client's own marker request: the Admin
// API offers only abort); any other is aborted.
//
// The limit must exceed the producers' transaction timeout (Plumbline: 10 s), so only
// transactions the coordinator would long have ended are touched.
//
//   java -cp "<kafka jars>/*" infra/kafka/ResolveHangingTransactions.java <bootstrap> <topic> <minAgeMs> [--dry-run]
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.KafkaAdminClient;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.admin.internals.AbortTransactionHandler;
import org.apache.kafka.clients.admin.internals.AdminApiFuture;
import org.apache.kafka.clients.admin.internals.AdminApiHandler;
import org.apache.kafka.clients.admin.internals.PartitionLeaderCache;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;
import org.apache.kafka.common.utils.internals.LogContext;

public class ResolveHangingTransactions {
  /** How much earlier than its records a transaction may seem to start (client and broker clocks). */
  static final long CLOCK_SKEW_MS = 1_000;

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: ResolveHangingTransactions <bootstrap> <topic> <minAgeMs> [--dry-run]");
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
      int committed = 0;
      int aborted = 0;
      // One coordinator lookup per producer: its hanging transaction spans several partitions.
      Map<Long, Optional<TransactionDescription>> latestByProducer = new HashMap<>();
      for (var entry : admin.describeProducers(partitions).all().get().entrySet()) {
        for (ProducerState producer : entry.getValue().activeProducers()) {
          if (producer.currentTransactionStartOffset().isEmpty() || now - producer.lastTimestamp() < minAgeMs) continue;
          if (!latestByProducer.containsKey(producer.producerId())) latestByProducer.put(producer.producerId(), latestTransaction(admin, producer.producerId()));
          Optional<TransactionDescription> latest = latestByProducer.get(producer.producerId());
          boolean commit = latest.isPresent() && committedThese(latest.get(), producer);
          if (commit) committed++;
          else aborted++;
          System.out.printf("%s: producer %d (epoch %d) has held a transaction open since offset %d; last write %d s ago; its coordinator's latest: %s; %s%n",
              entry.getKey(), producer.producerId(), producer.producerEpoch(), producer.currentTransactionStartOffset().getAsLong(),
              (now - producer.lastTimestamp()) / 1000, latest.map(TransactionDescription::toString).orElse("none"),
              commit ? "committed these records" + (dryRun ? "" : ": committing") : "not a commit of these records" + (dryRun ? "" : ": aborting"));
          if (dryRun) continue;
          AbortTransactionSpec spec = new AbortTransactionSpec(entry.getKey(), producer.producerId(), (short) producer.producerEpoch(), producer.coordinatorEpoch().orElse(-1));
          if (commit) commitTransaction(admin, spec);
          else admin.abortTransaction(spec).all().get();
        }
      }
      System.out.println(committed + aborted == 0
          ? "no hanging transactions"
          : String.format("%d hanging transaction(s)%s: %d committed, %d aborted", committed + aborted, dryRun ? " found" : " resolved", committed, aborted));
    }
  }

  /** The coordinator's latest transaction of a producer id, if its transactional id is still known. */
  static Optional<TransactionDescription> latestTransaction(Admin admin, long producerId) throws Exception {
    Optional<String> transactionalId = admin.listTransactions(new ListTransactionsOptions().filterProducerIds(List.of(producerId)))
        .all().get().stream().map(TransactionListing::transactionalId).findFirst();
    if (transactionalId.isEmpty()) return Optional.empty();
    return Optional.of(admin.describeTransactions(List.of(transactionalId.get())).all().get().get(transactionalId.get()));
  }

  /**
   * Whether the coordinator committed the transaction these records belong to: its latest
   * transaction for this producer id and epoch is committed and began before the records were
   * written (a producer's transactions run one after another, so the records are of that one).
   */
  static boolean committedThese(TransactionDescription latest, ProducerState producer) {
    boolean committedState = latest.state() == TransactionState.COMPLETE_COMMIT || latest.state() == TransactionState.PREPARE_COMMIT;
    return committedState
        && latest.producerId() == producer.producerId()
        && latest.producerEpoch() == producer.producerEpoch()
        && latest.transactionStartTimeMs().isPresent()
        && latest.transactionStartTimeMs().getAsLong() <= producer.lastTimestamp() + CLOCK_SKEW_MS;
  }

  /** Kafka's abort request with the marker's result set to COMMIT, sent through the Admin client's driver. */
  static void commitTransaction(Admin admin, AbortTransactionSpec spec) throws Exception {
    Field leaders = KafkaAdminClient.class.getDeclaredField("partitionLeaderCache");
    leaders.setAccessible(true);
    var future = AbortTransactionHandler.newFuture(Set.of(spec.topicPartition()), (PartitionLeaderCache) leaders.get(admin));
    Method invokeDriver = KafkaAdminClient.class.getDeclaredMethod("invokeDriver", AdminApiHandler.class, AdminApiFuture.class, Integer.class);
    invokeDriver.setAccessible(true);
    invokeDriver.invoke(admin, new CommitTransactionHandler(spec), future, 30_000);
    for (KafkaFuture<Void> written : future.all().values()) written.get();
  }

  static class CommitTransactionHandler extends AbortTransactionHandler {
    CommitTransactionHandler(AbortTransactionSpec spec) {
      super(spec, new LogContext());
    }

    @Override
    public WriteTxnMarkersRequest.Builder buildBatchedRequest(int brokerId, Set<TopicPartition> partitions) {
      WriteTxnMarkersRequest.Builder request = super.buildBatchedRequest(brokerId, partitions);
      request.data.markers().forEach(marker -> marker.setTransactionResult(true));
      return request;
    }
  }
}
