from beacon.core.exports import csv_cell, csv_response


def test_cells_a_spreadsheet_would_run_are_quoted():
    assert [csv_cell(v) for v in ("=SUM(A1)", "+1", "-2", "@x", "\tx", "plain", 3)] == [
        "'=SUM(A1)",
        "'+1",
        "'-2",
        "'@x",
        "'\tx",
        "plain",
        "3",
    ]


def test_the_response_streams_an_uncached_attachment():
    response = csv_response([["name", "note"], ["Rosa", "=1+1"]], filename="letters-1.csv")

    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="letters-1.csv"'
    assert response["Cache-Control"] == "no-store"
    assert b"".join(response.streaming_content) == b"name,note\r\nRosa,'=1+1\r\n"
