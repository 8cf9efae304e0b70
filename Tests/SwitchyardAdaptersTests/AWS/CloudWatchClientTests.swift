import AsyncHTTPClient
import Foundation
import Testing
@testable import SwitchyardAdapters

/// The CloudWatch client's wire format: Query parameters out, the XML answer in, pages followed.
@Suite("CloudWatch client")
struct CloudWatchClientTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z

    /// A GetMetricData answer in CloudWatch's shape: two queries, the first cut short with a token to follow.
    static let firstPage = """
        <GetMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
          <GetMetricDataResult>
            <MetricDataResults>
              <member>
                <Id>m0</Id>
                <Label>sd21-inf2-counter</Label>
                <Timestamps>
                  <member>2027-01-15T08:02:00Z</member>
                  <member>2027-01-15T08:01:00Z</member>
                </Timestamps>
                <Values>
                  <member>6300.0</member>
                  <member>5.94E3</member>
                </Values>
                <StatusCode>PartialData</StatusCode>
              </member>
              <member>
                <Id>m1</Id>
                <Label>sd21-g5-counter</Label>
                <Timestamps/>
                <Values/>
                <StatusCode>Complete</StatusCode>
                <Messages>
                  <member><Code>NoData</Code><Value>no datapoints in the range</Value></member>
                </Messages>
              </member>
            </MetricDataResults>
            <NextToken>token-1</NextToken>
            <Messages/>
          </GetMetricDataResult>
          <ResponseMetadata><RequestId>0f5d2b6e-6c44-4a3c-9d0e-1b1a2f7c9d10</RequestId></ResponseMetadata>
        </GetMetricDataResponse>
        """

    static let lastPage = """
        <GetMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
          <GetMetricDataResult>
            <MetricDataResults>
              <member>
                <Id>m0</Id>
                <Label>sd21-inf2-counter</Label>
                <Timestamps><member>2027-01-15T08:00:00.000Z</member></Timestamps>
                <Values><member>60</member></Values>
                <StatusCode>Complete</StatusCode>
              </member>
            </MetricDataResults>
            <Messages/>
          </GetMetricDataResult>
          <ResponseMetadata><RequestId>5c0e8f0a-3d9b-4f7e-8a61-2c4b7e9d1f22</RequestId></ResponseMetadata>
        </GetMetricDataResponse>
        """

    static let queries = [
        CloudWatchMetricQuery(id: "m0", namespace: "hw-agnostic-infer", metricName: "sd21-inf2-counter", periodSeconds: 60, stat: "Sum"),
        CloudWatchMetricQuery(
            id: "m1", namespace: "AWS/ApplicationELB", metricName: "RequestCount",
            dimensions: [
                CloudWatchDimension(name: "LoadBalancer", value: "app/sd21/50dc6c495c0c9188"),
                CloudWatchDimension(name: "TargetGroup", value: "targetgroup/sd21-g5/73e2d6bc24d8a067"),
            ],
            periodSeconds: 300, stat: "SampleCount"),
    ]

    static func client(_ url: URL) -> CloudWatchClient {
        CloudWatchClient(
            httpClient: .shared, region: "us-west-2", endpoint: url,
            credentials: StaticCredentialsProvider(AWSCredentials(accessKeyID: "AKIDTEST", secretAccessKey: "secret")),
            retryPolicy: .none)
    }

    @Test("GetMetricData parameters use the Query protocol's flattened names and ISO 8601 times")
    func getMetricDataParameters() {
        let parameters = CloudWatchClient.getMetricDataParameters(
            queries: Self.queries, start: Self.t0, end: Self.t0.addingTimeInterval(300.7), nextToken: "token-1",
            maxDatapoints: 50)
        #expect(parameters == [
            "StartTime": "2027-01-15T08:00:00Z",
            "EndTime": "2027-01-15T08:05:00Z",
            "NextToken": "token-1",
            "MaxDatapoints": "50",
            "MetricDataQueries.member.1.Id": "m0",
            "MetricDataQueries.member.1.MetricStat.Metric.Namespace": "hw-agnostic-infer",
            "MetricDataQueries.member.1.MetricStat.Metric.MetricName": "sd21-inf2-counter",
            "MetricDataQueries.member.1.MetricStat.Period": "60",
            "MetricDataQueries.member.1.MetricStat.Stat": "Sum",
            "MetricDataQueries.member.2.Id": "m1",
            "MetricDataQueries.member.2.MetricStat.Metric.Namespace": "AWS/ApplicationELB",
            "MetricDataQueries.member.2.MetricStat.Metric.MetricName": "RequestCount",
            "MetricDataQueries.member.2.MetricStat.Metric.Dimensions.member.1.Name": "LoadBalancer",
            "MetricDataQueries.member.2.MetricStat.Metric.Dimensions.member.1.Value": "app/sd21/50dc6c495c0c9188",
            "MetricDataQueries.member.2.MetricStat.Metric.Dimensions.member.2.Name": "TargetGroup",
            "MetricDataQueries.member.2.MetricStat.Metric.Dimensions.member.2.Value": "targetgroup/sd21-g5/73e2d6bc24d8a067",
            "MetricDataQueries.member.2.MetricStat.Period": "300",
            "MetricDataQueries.member.2.MetricStat.Stat": "SampleCount",
        ])
    }

    @Test("PutMetricData parameters carry each datum's name, dimensions, time, value, unit and resolution")
    func putMetricDataParameters() {
        let parameters = CloudWatchClient.putMetricDataParameters(namespace: "hw-agnostic-infer", data: [
            CloudWatchDatum(metricName: "sd21-inf2-counter", timestamp: Self.t0.addingTimeInterval(5), value: 3000, unit: "Count"),
            CloudWatchDatum(
                metricName: "requests", dimensions: [CloudWatchDimension(name: "Model", value: "sd21")],
                timestamp: Self.t0, value: 0.25, storageResolution: 1),
        ])
        #expect(parameters == [
            "Namespace": "hw-agnostic-infer",
            "MetricData.member.1.MetricName": "sd21-inf2-counter",
            "MetricData.member.1.Timestamp": "2027-01-15T08:00:05Z",
            "MetricData.member.1.Value": "3000.0",
            "MetricData.member.1.Unit": "Count",
            "MetricData.member.2.MetricName": "requests",
            "MetricData.member.2.Dimensions.member.1.Name": "Model",
            "MetricData.member.2.Dimensions.member.1.Value": "sd21",
            "MetricData.member.2.Timestamp": "2027-01-15T08:00:00Z",
            "MetricData.member.2.Value": "0.25",
            "MetricData.member.2.StorageResolution": "1",
        ])
    }

    @Test("a recorded answer reads into each query's timestamps, values, status and messages, and the token")
    func parsesRecordedAnswer() throws {
        let page = try CloudWatchClient.metricDataPage(from: AWSXMLNode.parse(Data(Self.firstPage.utf8)))
        #expect(page.nextToken == "token-1")
        #expect(page.messages.isEmpty)
        #expect(page.results == [
            CloudWatchMetricDataResult(
                id: "m0", label: "sd21-inf2-counter",
                timestamps: [Self.t0.addingTimeInterval(120), Self.t0.addingTimeInterval(60)], values: [6300, 5940],
                statusCode: "PartialData"),
            CloudWatchMetricDataResult(
                id: "m1", label: "sd21-g5-counter", statusCode: "Complete", messages: ["NoData: no datapoints in the range"]),
        ])
        #expect(page.results.map(\.isComplete) == [false, true])
    }

    @Test("an answer that cannot be read is a malformed response, not data",
          arguments: [
              ("<GetMetricDataResponse><Other/></GetMetricDataResponse>", "no GetMetricDataResult"),
              ("<R><GetMetricDataResult><MetricDataResults><member><Timestamps/><Values/></member></MetricDataResults></GetMetricDataResult></R>", "without an Id"),
              ("<R><GetMetricDataResult><MetricDataResults><member><Id>m0</Id><Timestamps><member>2027-01-15T08:00:00Z</member></Timestamps><Values/></member></MetricDataResults></GetMetricDataResult></R>", "1 timestamps for 0 values"),
              ("<R><GetMetricDataResult><MetricDataResults><member><Id>m0</Id><Timestamps><member>yesterday</member></Timestamps><Values><member>1</member></Values></member></MetricDataResults></GetMetricDataResult></R>", "timestamp 'yesterday'"),
              ("<R><GetMetricDataResult><MetricDataResults><member><Id>m0</Id><Timestamps><member>2027-01-15T08:00:00Z</member></Timestamps><Values><member>lots</member></Values></member></MetricDataResults></GetMetricDataResult></R>", "value 'lots'"),
          ])
    func malformedAnswers(xml: String, reason: String) throws {
        let root = try AWSXMLNode.parse(Data(xml.utf8))
        let error = #expect(throws: AWSError.self) { try CloudWatchClient.metricDataPage(from: root) }
        guard case .malformedResponse(let action, let why)? = error else {
            Issue.record("expected a malformed response, got \(String(describing: error))")
            return
        }
        #expect(action == "GetMetricData")
        #expect(why.contains(reason), "\(why)")
    }

    @Test("pages are put together per query id: datapoints appended, the last page's status")
    func mergesPages() throws {
        let pages = try [Self.firstPage, Self.lastPage].map {
            try CloudWatchClient.metricDataPage(from: AWSXMLNode.parse(Data($0.utf8)))
        }
        let merged = CloudWatchClient.merge(pages)
        #expect(merged.map(\.id) == ["m0", "m1"])
        #expect(merged[0].timestamps == [120, 60, 0].map { Self.t0.addingTimeInterval($0) })
        #expect(merged[0].values == [6300, 5940, 60])
        #expect(merged[0].statusCode == "Complete")
        #expect(merged[1].values.isEmpty)
    }

    @Test("GetMetricData follows NextToken to the last page, signed for monitoring")
    func followsNextToken() async throws {
        let (results, received) = try await ScriptedHTTPServer.with([
            .init(status: 200, body: Self.firstPage), .init(status: 200, body: Self.lastPage),
        ]) { url, server in
            let results = try await Self.client(url).getMetricData(
                queries: Self.queries, start: Self.t0, end: Self.t0.addingTimeInterval(180))
            return (results, server.received)
        }
        #expect(results.map(\.id) == ["m0", "m1"])
        #expect(results[0].values == [6300, 5940, 60])
        #expect(results.allSatisfy { $0.isComplete })
        #expect(received.count == 2)
        #expect(received.allSatisfy { $0.body.contains("Action=GetMetricData") && $0.body.contains("Version=2010-08-01") })
        #expect(!received[0].body.contains("NextToken"))
        #expect(received[1].body.contains("NextToken=token-1"))
        #expect(received[1].body.contains("StartTime=2027-01-15T08%3A00%3A00Z"))
        #expect(received[1].body.contains("EndTime=2027-01-15T08%3A03%3A00Z"))
        let authorization = try #require(received[0].headers["authorization"])
        #expect(authorization.contains("/us-west-2/monitoring/aws4_request"))
    }

    @Test("a NextToken that comes back again is a malformed answer, not an endless loop")
    func repeatedToken() async throws {
        let (error, count) = try await ScriptedHTTPServer.with([.init(status: 200, body: Self.firstPage)]) { url, server in
            let error = await #expect(throws: AWSError.self) {
                try await Self.client(url).getMetricData(queries: Self.queries, start: Self.t0, end: Self.t0.addingTimeInterval(180))
            }
            return (error, server.received.count)
        }
        #expect(count == 2)
        #expect(error == .malformedResponse(action: "GetMetricData", reason: "the same NextToken came twice"))
    }

    @Test("queries CloudWatch would refuse are refused before sending")
    func refusesInvalidQueries() async throws {
        let client = Self.client(URL(string: "http://127.0.0.1:1/")!)
        let query = Self.queries[0]
        var badID = query
        badID.id = "Total"
        var tooMany: [CloudWatchMetricQuery] = []
        for index in 0...CloudWatchClient.maxQueriesPerCall {
            var next = query
            next.id = "m\(index)"
            tooMany.append(next)
        }
        let cases: [([CloudWatchMetricQuery], Date, String)] = [
            ([], Self.t0.addingTimeInterval(60), "at least one query"),
            ([badID], Self.t0.addingTimeInterval(60), "query id 'Total' must start with a lowercase letter"),
            ([query, query], Self.t0.addingTimeInterval(60), "query id 'm0' appears twice"),
            (tooMany, Self.t0.addingTimeInterval(60), "at most 500 queries, got 501"),
            ([query], Self.t0, "a start before its end"),
        ]
        for (queries, end, message) in cases {
            let error = await #expect(throws: AWSError.self) {
                try await client.getMetricData(queries: queries, start: Self.t0, end: end)
            }
            guard case .invalidRequest(let reason)? = error else {
                Issue.record("expected an invalid request for '\(message)', got \(String(describing: error))")
                continue
            }
            #expect(reason.contains(message), "\(reason)")
        }
        await #expect(throws: AWSError.invalidRequest("requests has the value nan; CloudWatch takes finite numbers only")) {
            try await client.putMetricData(
                namespace: "x", data: [CloudWatchDatum(metricName: "requests", timestamp: Self.t0, value: .nan)])
        }
    }
}
