@guide:hpp-interoperability-member-portal
Feature: Reporting data or technical issues
  "For any data inconsistencies or technical issues, please report them to HPP
  by calling the number on the back of your Member ID card."

  @step:support-1
  Scenario: Jane reports a data inconsistency
    When Jane finds a data inconsistency or a technical issue
    Then she is asked to call "the number on the back of your Member ID card"
